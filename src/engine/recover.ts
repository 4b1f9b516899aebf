import type { NodeExecution } from '../domain/execution.js';
import { currentRun } from './audit-trail.js';
import { startAttempt } from './attempt.js';
import { continueWith, runMainLoop } from './main-loop.js';
import type { Step } from './step.js';

/**
 * Continues a running execution after its previous owner stopped (the execution semantics: at-least-once per
 * node run). A run still marked running is attempted again with the same identity; its events
 * appear again with new seq numbers. Without one, the main loop simply goes on.
 */
export function recover(step: Step): void {
  const run = currentRun(step.execution);
  const node = run === undefined ? undefined : step.graph.nodes.get(run.nodeKey);
  if (run === undefined || node === undefined || run.status !== 'running') {
    runMainLoop(step);
    return;
  }
  const again: NodeExecution = { ...run, params: node.constantParams, startedAt: step.now };
  continueWith(step, startAttempt(step, node, again, true));
}
