import type { Execution } from '../domain/execution.js';
import type { Json } from '../domain/json.js';
import type { Suspension } from '../domain/suspension.js';
import { currentRun, lastRun } from './audit-trail.js';

/**
 * The final output: the output of the run with the highest execution_index;
 * undefined unless the execution completed.
 */
export function finalOutput(execution: Execution): Json | undefined {
  if (execution.status !== 'completed') return undefined;
  return lastRun(execution)?.output ?? null;
}

/** The execution error: the failed run's error, else the engine error; undefined otherwise. */
export function executionError(execution: Execution): Json | undefined {
  if (execution.status !== 'failed') return undefined;
  for (const runs of execution.runs.values()) {
    const run = runs[0];
    if (run !== undefined && run.status === 'failed' && run.error !== null) return run.error as unknown as Json;
  }
  return execution.engineError ?? undefined;
}

/** The current suspension: that of the suspended run while the execution is suspended. */
export function currentSuspension(execution: Execution): Suspension | undefined {
  if (execution.status !== 'suspended') return undefined;
  return currentRun(execution)?.suspension ?? undefined;
}
