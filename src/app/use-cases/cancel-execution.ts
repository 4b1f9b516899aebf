import { invalidRequest } from '../app-error.js';
import { refusalError } from '../refusals.js';
import { viewOf, type ExecutionView } from '../execution-view.js';
import type { AppContext } from './context.js';

/** CancelExecution. */
export async function cancelExecution(ctx: AppContext, namespace: string, executionId: string, reason: string): Promise<ExecutionView> {
  if (executionId === '') throw invalidRequest([{ field: 'execution_id', description: 'is required' }]);
  await ctx.runtime.read(executionId, namespace);
  const outcome = await ctx.runtime.cancel(executionId, reason === '' ? 'requested' : reason);
  if (outcome.refusal !== null) throw refusalError(outcome.refusal);
  return viewOf(outcome.execution, await ctx.graphs.load(outcome.execution.graphId));
}
