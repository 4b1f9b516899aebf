import type { JsonObject } from '../domain/json.js';
import type { SuspensionKind } from '../domain/suspension.js';
import type { RenderLimits } from '../expressions/index.js';
import type { NodeServices } from '../nodes/kit/node-services.js';

/** What a resume token is derived from. */
export interface TokenParts {
  readonly executionId: string;
  readonly nodeKey: string;
  readonly runIndex: number;
  readonly attempt: number;
  readonly kind: SuspensionKind;
}

/** Engine limits from service settings. */
export interface EngineLimits {
  /** The service's loop limit when the workflow sets none. */
  readonly maxLoopIterations: number;
  /** Largest serialised node output, in bytes. */
  readonly maxOutputBytes: number;
  readonly render?: Partial<RenderLimits>;
}

/** Default engine limits. */
export const DEFAULT_ENGINE_LIMITS: EngineLimits = Object.freeze({
  maxLoopIterations: 10_000,
  maxOutputBytes: 4 * 1024 * 1024,
});

/**
 * The fixed environment of the engine: configuration and deterministic functions passed in, so the
 * engine itself reads no clock, no randomness and no IO. Time arrives with each input.
 */
export interface EngineEnv {
  /** `$env`: the same for every execution, never stored in them. */
  readonly env: JsonObject;
  readonly limits: EngineLimits;
  /** Derives the resume token of a suspension (an HMAC under a server secret in the service). */
  resumeToken(parts: TokenParts): string;
  /** Handed to node implementations untouched; the engine never calls them. */
  readonly services: NodeServices;
  /** Freeze params and outputs to catch nodes that mutate them (tests and development). */
  readonly freeze?: boolean;
}
