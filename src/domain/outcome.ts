import type { Json, JsonObject } from './json.js';
import type { SuspensionRequest } from './suspension.js';

/** An error as a node implementation reports it; the engine adds `node` and `action` to details. */
export interface NodeErrorReport {
  readonly code: string;
  readonly message: string;
  readonly details?: JsonObject | undefined;
}

/** What a node implementation returns from execute or resume. */
export type Outcome =
  | {
      readonly kind: 'complete';
      readonly output: Json;
      readonly port?: string | undefined;
      readonly nodeContext?: JsonObject | undefined;
      readonly state?: JsonObject | undefined;
    }
  | { readonly kind: 'suspend'; readonly suspension: SuspensionRequest }
  | { readonly kind: 'error'; readonly error: NodeErrorReport };

/** Builds a completion outcome. */
export function complete(output: Json, port?: string): Outcome {
  return port === undefined ? { kind: 'complete', output } : { kind: 'complete', output, port };
}

/** Builds an error outcome. */
export function fail(code: string, message: string, details?: JsonObject): Outcome {
  return { kind: 'error', error: details === undefined ? { code, message } : { code, message, details } };
}
