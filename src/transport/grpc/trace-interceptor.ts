import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type TextMapGetter } from '@opentelemetry/api';
import { ServerInterceptingCall, status, type Metadata, type ServerInterceptor } from '@grpc/grpc-js';

/** Reads W3C trace context (`traceparent`, `tracestate`) from gRPC metadata. */
const METADATA_GETTER: TextMapGetter<Metadata> = {
  keys: (metadata) => Object.keys(metadata.getMap()),
  get: (metadata, key) => {
    const values = metadata.get(key).filter((value): value is string => typeof value === 'string');
    return values.length === 0 ? undefined : values;
  },
};

/**
 * A grpc-js server interceptor that opens a server span per call, a child of the caller's trace
 * context when its metadata carries one; the handler runs inside the span, so the execution's steps,
 * node runs, store calls and outgoing `http.request` headers continue the caller's trace.
 */
export function traceInterceptor(tracerName: string): ServerInterceptor {
  return (descriptor, call) => {
    const method = descriptor.path.slice(1);
    let span: Span | undefined;
    let active = ROOT_CONTEXT;
    // grpc-js runs the handler when the request has arrived (a later event than the metadata), so
    // every step of the call is passed on inside the span's context.
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, pass) => {
            const parent = propagation.extract(ROOT_CONTEXT, metadata, METADATA_GETTER);
            span = trace.getTracer(tracerName).startSpan(method, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } }, parent);
            active = trace.setSpan(parent, span);
            context.with(active, () => pass(metadata));
          },
          onReceiveMessage: (message, pass) => context.with(active, () => pass(message)),
          onReceiveHalfClose: (pass) => context.with(active, pass),
        }),
      sendStatus: (sent, pass) => {
        if (span !== undefined) {
          span.setAttribute('rpc.grpc.status_code', sent.code);
          if (sent.code !== status.OK) span.setStatus({ code: SpanStatusCode.ERROR, message: status[sent.code] ?? String(sent.code) });
          span.end();
          span = undefined;
        }
        pass(sent);
      },
    });
  };
}
