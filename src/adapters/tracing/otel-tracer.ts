import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanAttributes, Tracer } from '../../app/ports/tracer.js';

/** The instrumentation scope of every span the service opens. */
export const TRACER_NAME = 'prana';

/** Records an error on a span and marks it failed. */
export function failSpan(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  span.recordException(failure);
  span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message.slice(0, 200) });
}

/** Runs `run` as the active span `name`, ending the span when its result (or promise) is in. */
export function inSpan<T>(name: string, kind: SpanKind, attributes: SpanAttributes, run: () => T): T {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind, attributes }, (span) => {
    let result: T;
    try {
      result = run();
    } catch (error) {
      failSpan(span, error);
      span.end();
      throw error;
    }
    if (!(result instanceof Promise)) {
      span.end();
      return result;
    }
    return result.then(
      (value: unknown) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    ) as T;
  });
}

/** Spans through the OpenTelemetry API: children of the active span, exported by whatever provider is registered. */
export const otelTracer: Tracer = {
  span: (name, attributes, run) => inSpan(name, SpanKind.INTERNAL, attributes, run),
};
