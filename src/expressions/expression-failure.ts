/**
 * A run-time expression error, thrown inside evaluation and turned into an
 * `{ ok: false }` result at the API boundary. It deliberately does not extend `Error`: capturing a
 * stack trace is costly and never useful for a user-facing reason.
 */
export class ExpressionFailure {
  /** The param path of the innermost template or directive that failed; set while unwinding. */
  paramPath: string | undefined = undefined;

  /** Creates a failure with the user-facing reason. */
  constructor(readonly reason: string) {}
}

/** Throws an expression error with the given reason. */
export function fail(reason: string): never {
  throw new ExpressionFailure(reason);
}

/** The reason used whenever a size limit on rendered output is exceeded. */
export const OUTPUT_TOO_LARGE = 'Rendered output exceeds maximum size';

/** Throws the rendered-output size error. */
export function failOutputTooLarge(): never {
  throw new ExpressionFailure(OUTPUT_TOO_LARGE);
}

/**
 * Converts an exception caught at an API boundary into a reason, or rethrows it when it is a bug.
 * A `RangeError` from the JavaScript engine (a string or array past the engine's own size limits,
 * or data nested too deeply to walk) is reported as rendered output that is too large.
 */
export function failureReason(error: unknown): string {
  if (error instanceof ExpressionFailure) return error.reason;
  if (error instanceof RangeError) return OUTPUT_TOO_LARGE;
  throw error;
}

/**
 * Records `paramPath` on a failure that does not have one yet (the innermost template or directive
 * wins) and returns the error to rethrow. An engine `RangeError` becomes the size failure there.
 */
export function atParamPath(error: unknown, paramPath: string): unknown {
  let failure = error;
  if (error instanceof RangeError) failure = new ExpressionFailure(OUTPUT_TOO_LARGE);
  if (failure instanceof ExpressionFailure && failure.paramPath === undefined) failure.paramPath = paramPath;
  return failure;
}
