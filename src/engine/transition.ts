import type { ExecutionEvent } from '../domain/events.js';
import type { Execution, ExecutionStatus } from '../domain/execution.js';
import type { EngineError } from '../domain/node-error.js';
import type { Outcome } from '../domain/outcome.js';
import type { Resumption } from '../domain/resumption.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import { applyOutcome } from './outcome.js';
import { latestRun } from './audit-trail.js';
import { requestCancel } from './cancel.js';
import type { Command } from './commands.js';
import type { EngineEnv } from './engine-env.js';
import { continueWith } from './main-loop.js';
import { resumeWith, wake, type ResumeProblem } from './resumption.js';
import { startExecution } from './start.js';
import { recover } from './recover.js';
import type { Step } from './step.js';
import { failWithEngineError } from './terminal.js';

/** What can happen to an execution; each input carries the time it happens at (epoch ms). */
export type EngineInput =
  /** Start a new (running, never started) or pending execution. */
  | { readonly kind: 'start'; readonly now: number }
  /** The outcome of the attempt or resume handler the runner was asked to run. */
  | { readonly kind: 'node_outcome'; readonly now: number; readonly nodeKey: string; readonly runIndex: number; readonly outcome: Outcome }
  /** The current suspension's wake-up time has passed (timer, deadline, retry). */
  | { readonly kind: 'wake'; readonly now: number }
  /** End the current suspension with a caller's data, children's results or a task result. */
  | { readonly kind: 'resume'; readonly now: number; readonly resumption: Resumption }
  | { readonly kind: 'cancel'; readonly now: number; readonly reason: string }
  /** The runner hit an engine-level failure it must record (execution_too_large, internal_error). */
  | { readonly kind: 'abort'; readonly now: number; readonly error: EngineError }
  /**
   * A replica takes over a running execution whose owner stopped (crash recovery): the attempt that
   * was in flight runs again (at-least-once per node run), or the main loop goes on; an execution
   * created but never started (seq 0) is started.
   */
  | { readonly kind: 'recover'; readonly now: number };

/**
 * Why an input was not applied; the execution is unchanged and no command was produced. A closed
 * union: whoever maps refusals to answers handles every reason.
 */
export type Refusal =
  /** `start` of an execution that already started. */
  | { readonly reason: 'already_started'; readonly status: ExecutionStatus }
  /** A node outcome for a run that is no longer the one in flight. */
  | { readonly reason: 'stale_outcome'; readonly nodeKey: string; readonly runIndex: number }
  /** `wake` or `resume` of an execution that is not suspended. */
  | ResumeProblem
  /** `cancel` or `abort` of an execution that already ended. */
  | { readonly reason: 'already_terminal'; readonly status: 'completed' | 'failed' | 'cancelled' }
  /** `recover` of an execution that is not running. */
  | { readonly reason: 'not_running'; readonly status: ExecutionStatus };

/** The next execution and the effects to carry out, in order. */
export interface TransitionResult {
  readonly execution: Execution;
  /** The events the transition produced, in seq order; the runner takes them before the commands. */
  readonly events: readonly ExecutionEvent[];
  readonly commands: readonly Command[];
  readonly refusal: Refusal | null;
}

/**
 * The engine's single transition, an in-place step: deterministic and free of IO,
 * clocks and randomness, it updates the execution it is given and returns that same object with the
 * events and commands of the step (copying the state per step could not reach the engine's numbers).
 * A caller owns the execution it passes: it keeps using the returned one, never a copy made before,
 * and never passes one execution to two steps at once (the runtime's actor guarantees it).
 */
export function transition(execution: Execution, graph: CompiledGraph, input: EngineInput, env: EngineEnv): TransitionResult {
  const step: Step = { execution, graph, env, now: input.now, events: [], commands: [] };
  const refusal = apply(step, input);
  return { execution, events: step.events, commands: step.commands, refusal };
}

function apply(step: Step, input: EngineInput): Refusal | null {
  const execution = step.execution;
  switch (input.kind) {
    case 'start':
      if (!(execution.status === 'pending' || (execution.status === 'running' && execution.seq === 0))) {
        return { reason: 'already_started', status: execution.status };
      }
      startExecution(step);
      return null;
    case 'node_outcome': {
      const node = step.graph.nodes.get(input.nodeKey);
      const run = latestRun(execution, input.nodeKey);
      if (
        node === undefined ||
        run === undefined ||
        execution.status !== 'running' ||
        run.runIndex !== input.runIndex ||
        (run.status !== 'running' && run.status !== 'suspended')
      ) {
        return { reason: 'stale_outcome', nodeKey: input.nodeKey, runIndex: input.runIndex };
      }
      continueWith(step, applyOutcome(step, node, run, input.outcome, run.status === 'suspended'));
      return null;
    }
    case 'wake':
      return wake(step);
    case 'resume':
      return resumeWith(step, input.resumption);
    case 'cancel':
      return requestCancel(step, input.reason);
    case 'recover':
      if (execution.status !== 'running') return { reason: 'not_running', status: execution.status };
      // Created but never started (its creator stopped before the first step): recovering starts it.
      if (execution.seq === 0) startExecution(step);
      else recover(step);
      return null;
    case 'abort':
      if (execution.status === 'completed' || execution.status === 'failed' || execution.status === 'cancelled') {
        return { reason: 'already_terminal', status: execution.status };
      }
      failWithEngineError(step, input.error);
      return null;
  }
}
