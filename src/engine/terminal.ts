import type { EngineError } from '../domain/node-error.js';
import type { Step } from './step.js';
import { emit } from './step.js';
import { lastRun } from './audit-trail.js';

/** Ends the execution `completed` with its derived final output. */
export function endCompleted(step: Step): void {
  const execution = step.execution;
  execution.status = 'completed';
  execution.finishedAt = step.now;
  emit(step, { type: 'execution_completed', output: lastRun(execution)?.output ?? null });
  step.commands.push({ kind: 'persist', reason: 'terminal' });
}

/** Fails the execution with an engine error: no failed NodeExecution is created. */
export function failWithEngineError(step: Step, error: EngineError): void {
  const execution = step.execution;
  execution.engineError = error;
  execution.status = 'failed';
  execution.finishedAt = step.now;
  emit(step, { type: 'execution_failed', error });
  step.commands.push({ kind: 'persist', reason: 'terminal' });
}

/** Ends the execution `cancelled`. */
export function endCancelled(step: Step, reason: string, nodeKey: string | null): void {
  const execution = step.execution;
  execution.status = 'cancelled';
  execution.finishedAt = step.now;
  emit(step, { type: 'execution_cancelled', reason, nodeKey });
  step.commands.push({ kind: 'persist', reason: 'terminal' });
}
