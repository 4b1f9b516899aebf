import { isTerminal, type Execution } from '../../domain/execution.js';
import type { AppContext } from './context.js';

/** How long a call that starts or resumes an execution waits (ExecutionWait). */
export type WaitUntil = 'none' | 'settled' | 'terminal';

/** Waits as asked, bounded by the call's signal; returns the execution then. */
export async function waitAsAsked(ctx: AppContext, id: string, mode: WaitUntil, signal?: AbortSignal): Promise<Execution> {
  switch (mode) {
    case 'none':
      return ctx.runtime.read(id);
    case 'settled':
      return ctx.runtime.waitFor(id, (execution) => ctx.runtime.isSettled(execution), signal);
    case 'terminal':
      return ctx.runtime.waitFor(id, (execution) => isTerminal(execution.status), signal);
  }
}
