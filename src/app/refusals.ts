import type { Refusal, ResumeRefusal } from '../engine/index.js';
import { bug, refused, type AppError } from './app-error.js';

/**
 * The answer to an input the engine refused (a closed union: a reason added to the engine's Refusal
 * without its answer here does not compile). Refusals a caller can cause are the caller's fault; the
 * others mean the service sent an input it should not have.
 */
export function refusalError(refusal: Refusal): AppError {
  switch (refusal.reason) {
    case 'already_terminal':
      return refused('already_terminal', `the execution already ended ${refusal.status}`, { status: refusal.status });
    case 'not_suspended':
      return refused('not_suspended', 'the execution is not suspended', { status: refusal.status });
    case 'not_resumable':
      return refused('not_resumable', 'this suspension is ended by the service itself (retry, sub-workflow or task)', { kind: refusal.kind });
    case 'already_started':
    case 'stale_outcome':
    case 'not_due':
    case 'not_running':
      return bug(`the engine refused an input: ${refusal.reason}`);
  }
}

/** The typed refusal of a caller's Resume: FAILED_PRECONDITION with its details. */
export function resumeRefusalError(refusal: ResumeRefusal): AppError {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(refusal.details)) metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  switch (refusal.reason) {
    case 'token_expired':
      return refused('token_expired', 'the webhook wait this token resumes has expired', metadata);
    case 'not_suspended':
      return refused('not_suspended', 'the execution is not suspended', metadata);
    case 'stale_token':
      return refused('stale_token', 'the token belongs to a suspension that is no longer current', metadata);
    case 'wrong_node':
      return refused('wrong_node', 'the given node is not the suspended node', metadata);
    case 'not_resumable':
      return refused('not_resumable', 'this suspension is ended by the service itself (retry, sub-workflow or task)', metadata);
  }
}
