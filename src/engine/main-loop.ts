import type { Continuation } from './outcome.js';
import { latestRunOf } from './audit-trail.js';
import { newRun, startAttempt } from './attempt.js';
import { infiniteLoop, noReadyNodes } from './engine-errors.js';
import { selectNext } from './readiness.js';
import type { Step } from './step.js';
import { endCancelled, endCompleted, failWithEngineError } from './terminal.js';

/**
 * The main loop of the execution semantics: picks the next ready node and starts a new run of it, until
 * a run must be executed by the runner, the execution suspends, or it ends.
 */
export function runMainLoop(step: Step): void {
  const execution = step.execution;
  for (;;) {
    if (execution.cancel !== null) {
      endCancelled(step, execution.cancel.reason, execution.cancel.nodeKey);
      return;
    }
    if (execution.frontier.size === 0) {
      endCompleted(step);
      return;
    }
    const node = selectNext(execution, step.graph);
    if (node === undefined) {
      failWithEngineError(step, noReadyNodes(execution, step.graph));
      return;
    }
    const loopback = node.loop.level > 0 && execution.activePaths.hasSlot(node.index);
    if (loopback) {
      if (execution.iterationCount >= execution.maxLoopIterations) {
        failWithEngineError(step, infiniteLoop(execution, node));
        return;
      }
      execution.iterationCount += 1;
    }
    const previous = latestRunOf(execution, node);
    const run = newRun(node, execution.nextIndex, previous === undefined ? 0 : previous.runIndex + 1, loopback, step.now);
    execution.nextIndex += 1;
    if (startAttempt(step, node, run, false) === 'wait') return;
  }
}

/** Continues the main loop when the last step completed a run. */
export function continueWith(step: Step, continuation: Continuation): void {
  if (continuation === 'next') runMainLoop(step);
}
