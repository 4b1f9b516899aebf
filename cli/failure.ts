import { status } from '@grpc/grpc-js';
import { errorOf, type PranaError } from '../sdk/typescript/src/errors.js';

/**
 * Exit codes of the `prana` command (documented in docs/cli.md):
 * 0 done (an execution completed, or is suspended waiting); 1 the execution failed or was cancelled;
 * 2 bad usage (an option, a file); 3 the workflow does not compile; 4 the service refused the call
 * (its reason is printed); 5 the service could not be reached or is unavailable.
 */
export const EXIT = { ok: 0, executionFailed: 1, usage: 2, compileErrors: 3, refused: 4, unavailable: 5 } as const;

/** A mistake in how the command was called (exit 2). */
export class UsageError extends Error {}

/** A command ends with this exit code after printing what it has to say. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The exit code of a failure, and the lines that explain it. */
export function explain(error: unknown): { code: number; lines: string[] } {
  if (error instanceof Exit) return { code: error.code, lines: [] };
  if (error instanceof UsageError) return { code: EXIT.usage, lines: [`error: ${error.message}`] };
  const failure: PranaError = errorOf(error);
  const unavailable = failure.code === status.UNAVAILABLE || failure.code === status.DEADLINE_EXCEEDED;
  const reason = failure.reason === '' ? (status[failure.code] ?? String(failure.code)) : failure.reason;
  const lines = [`error: ${reason}: ${failure.message}`];
  for (const field of failure.fields) lines.push(`  ${field.field}: ${field.description}`);
  for (const [key, value] of Object.entries(failure.metadata)) lines.push(`  ${key} = ${value}`);
  if (failure.resourceType !== '') lines.push(`  ${failure.resourceType} ${failure.resourceName}`);
  return { code: unavailable ? EXIT.unavailable : EXIT.refused, lines };
}

/** The failure as JSON, for `--json`. */
export function failureJson(error: unknown): Record<string, unknown> {
  if (error instanceof UsageError) return { error: { reason: 'usage', message: error.message } };
  const failure = errorOf(error);
  return {
    error: {
      code: status[failure.code] ?? failure.code,
      reason: failure.reason,
      message: failure.message,
      metadata: failure.metadata,
      fields: failure.fields,
      ...(failure.resourceType === '' ? {} : { resource: { type: failure.resourceType, name: failure.resourceName } }),
    },
  };
}
