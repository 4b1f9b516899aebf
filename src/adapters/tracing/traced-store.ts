import { SpanKind } from '@opentelemetry/api';
import { aroundMethods } from '../../app/around-methods.js';
import { inSpan } from './otel-tracer.js';

/** Wraps a store so that every call is a client span `store.<name>.<method>`, a child of the active span. */
export function tracedStore<T extends object>(store: T, name: string): T {
  return aroundMethods(store, (method, call, args) => inSpan(`store.${name}.${method}`, SpanKind.CLIENT, { 'db.operation.name': method }, () => call(args)));
}
