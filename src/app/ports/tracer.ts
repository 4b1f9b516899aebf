/** Attributes of a span: short facts, never payloads. */
export type SpanAttributes = Readonly<Record<string, string | number | boolean>>;

/**
 * Spans around the runtime's units of work (an execution's step, a node run). A span opened inside
 * another (or inside an RPC's) is its child, so the caller's trace follows the execution. `run` may
 * return a promise (the span ends when it settles) or a value (the span ends at once).
 */
export interface Tracer {
  span<T>(name: string, attributes: SpanAttributes, run: () => T): T;
}

/** Opens no spans. */
export const NO_TRACER: Tracer = Object.freeze({ span: <T>(_name: string, _attributes: SpanAttributes, run: () => T): T => run() });
