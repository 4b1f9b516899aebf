import type { ExecutionEvent } from '../../domain/events.js';
import type { AppContext } from './context.js';
import { createOrFind, startIfNeverStarted, type StartRequest } from './start-execution.js';
import { untilTerminal, watchExecution } from './watch-execution.js';

/** What RunExecution answers: the execution, whether this call created it, and its events. */
export interface RunResult {
  readonly executionId: string;
  readonly created: boolean;
  readonly events: AsyncGenerator<ExecutionEvent>;
}

/**
 * RunExecution: creates (or finds, for a retried request) the execution, subscribes before starting it,
 * so the stream holds every event from seq 1, and ends once the execution is settled (terminal, or
 * suspended without running sync children, as written).
 */
export async function runExecution(
  ctx: AppContext,
  namespace: string,
  request: StartRequest,
  onError: (error: unknown, context: string) => void,
  signal?: AbortSignal,
): Promise<RunResult> {
  const { id, created } = await createOrFind(ctx, namespace, request);
  const events = watchExecution(
    ctx,
    namespace,
    id,
    0,
    async (event) => {
      if (untilTerminal(event)) return true;
      if (event.type !== 'execution_suspended') return false;
      // Whether it is settled depends on the suspension as written (and, for sync children, on them).
      const written = await ctx.runtime.waitFor(id, (execution) => execution.seq >= event.seq, signal);
      return ctx.runtime.isSettled(written);
    },
    signal,
  );
  const first = events.next();
  if (created) ctx.runtime.start(id).catch((error: unknown) => onError(error, `start ${id}`));
  else startIfNeverStarted(ctx, id);
  const head = await first;
  async function* stream(): AsyncGenerator<ExecutionEvent> {
    if (head.done === true) return;
    yield head.value;
    yield* events;
  }
  return { executionId: id, created, events: stream() };
}
