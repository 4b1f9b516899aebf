import type { Execution } from '../domain/execution.js';
import type { ExecutionEvent } from '../domain/events.js';
import type { Outcome } from '../domain/outcome.js';
import type { ExecutionGraph } from '../compiler/execution-graph.js';
import { nodeExceptionOutcome, transition, type Command, type EngineEnv, type EngineInput, type PersistReason, type Refusal } from '../engine/index.js';

/** The effects a drive carries out for the engine; implemented by the runner around it. */
export interface DriveEffects {
  /** The current time, epoch ms (a fake clock in tests). */
  now(): number;
  /** Receives each event in seq order, as it is produced. */
  emit(event: ExecutionEvent): void;
  /** Writes the execution; may be asynchronous (a store). */
  persist(execution: Execution, reason: PersistReason): void | Promise<void>;
  cancelChildren(executionIds: readonly string[], reason: string): void | Promise<void>;
  cancelTask(taskId: string): void | Promise<void>;
}

/** How a drive ended. */
export interface DriveResult {
  readonly execution: Execution;
  /** The refusal of the first input, if it was refused (nothing happened then). */
  readonly refusal: Refusal | null;
}

/**
 * Applies one input and then carries out the engine's commands until the execution waits
 * (suspended or terminal): node attempts and resume handlers run here and their outcomes go back
 * into the transition. Synchronous nodes run without yielding to the event loop.
 */
export async function drive(execution: Execution, graph: ExecutionGraph, input: EngineInput, env: EngineEnv, effects: DriveEffects): Promise<DriveResult> {
  let result = transition(execution, graph, input, env);
  const refusal = result.refusal;
  for (;;) {
    let next: EngineInput | null = null;
    for (const event of result.events) effects.emit(event);
    for (const command of result.commands) {
      const follow = carryOut(command, result.execution, effects);
      if (follow === undefined) continue;
      if (isPromise(follow)) {
        const value = await follow;
        if (value !== null) next = value;
      } else if (follow !== null) next = follow;
    }
    if (next === null) return { execution: result.execution, refusal };
    result = transition(result.execution, graph, next, env);
  }
}

type Follow = EngineInput | null;

function carryOut(command: Command, execution: Execution, effects: DriveEffects): Follow | Promise<Follow> | undefined {
  switch (command.kind) {
    case 'persist':
      return asFollow(effects.persist(execution, command.reason));
    case 'cancel_children':
      return asFollow(effects.cancelChildren(command.executionIds, command.reason));
    case 'cancel_task':
      return asFollow(effects.cancelTask(command.taskId));
    case 'execute_node':
      return runNode(command.context.nodeKey, command.context.runIndex, effects, () => command.node.type.execute(command.params, command.context));
    case 'resume_node': {
      const resume = command.node.type.resume;
      return runNode(command.context.nodeKey, command.context.runIndex, effects, () =>
        resume === undefined
          ? { kind: 'error', error: { code: 'invalid_outcome', message: 'Node returned an invalid outcome', details: { reason: 'the node type cannot be resumed' } } }
          : resume(command.params, command.context, command.resumption),
      );
    }
  }
}

function asFollow(value: void | Promise<void>): Promise<Follow> | undefined {
  return isPromise(value) ? value.then(() => null) : undefined;
}

/** Runs a node call, turning exceptions into `node_exception` outcomes (§6.1 step 6). */
function runNode(nodeKey: string, runIndex: number, effects: DriveEffects, call: () => Outcome | Promise<Outcome>): Follow | Promise<Follow> {
  const toInput = (outcome: Outcome): EngineInput => ({ kind: 'node_outcome', now: effects.now(), nodeKey, runIndex, outcome });
  let produced: Outcome | Promise<Outcome>;
  try {
    produced = call();
  } catch (error) {
    return toInput(nodeExceptionOutcome(error));
  }
  if (isPromise(produced)) return produced.then(toInput, (error: unknown) => toInput(nodeExceptionOutcome(error)));
  return toInput(produced);
}

function isPromise<T>(value: unknown): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
