import type { Tracer } from '../ports/tracer.js';
import type { Execution } from '../../domain/execution.js';
import type { ExecutionEvent } from '../../domain/events.js';
import type { Outcome } from '../../domain/outcome.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import { StoreUnavailable } from '../ports/execution-store.js';
import type { NodeType } from '../../nodes/kit/node-type.js';
import { nodeExceptionOutcome, transition, type Command, type EngineEnv, type EngineInput, type PersistReason, type Refusal } from '../../engine/index.js';

/** The effects a drive carries out for the engine; implemented by the runner around it. */
export interface DriveEffects {
  /** The current time, epoch ms (a fake clock in tests). */
  now(): number;
  /** Receives each event in seq order, as it is produced; one transition's events arrive in one turn. */
  emit(event: ExecutionEvent): void;
  /** Writes the execution; may be asynchronous (a store). */
  persist(execution: Execution, reason: PersistReason): void | Promise<void>;
  cancelChildren(executionIds: readonly string[], reason: string): void | Promise<void>;
  cancelTask(taskId: string): void | Promise<void>;
  /** The node type of a name, from the registry the graphs were compiled with. */
  nodeType(name: string): NodeType | undefined;
  /** Spans around node runs. */
  readonly tracer: Tracer;
}

/** A node attempt or resume handler still running when a drive step stopped. */
export interface PendingNode {
  readonly nodeKey: string;
  readonly runIndex: number;
  /** The engine input its outcome becomes (exceptions become `node_exception` outcomes). */
  readonly outcome: Promise<EngineInput>;
}

/** How a drive step ended. */
export interface StepResult {
  readonly execution: Execution;
  /** The refusal of the first input, if it was refused (nothing happened then). */
  readonly refusal: Refusal | null;
  /** The node the execution waits on, when one runs asynchronously; null when it waits for nothing. */
  readonly pending: PendingNode | null;
}

/**
 * Applies one input and carries out the engine's commands, feeding synchronous node outcomes back
 * into the transition without yielding, until the execution waits: suspended or terminal, or on a node
 * that runs asynchronously (returned as `pending`; its outcome is the next input).
 */
export async function driveStep(execution: Execution, graph: CompiledGraph, input: EngineInput, env: EngineEnv, effects: DriveEffects): Promise<StepResult> {
  let result = transition(execution, graph, input, env);
  const refusal = result.refusal;
  for (;;) {
    let next: EngineInput | null = null;
    let pending: PendingNode | null = null;
    for (const event of result.events) effects.emit(event);
    // A write stores the whole execution as the transition left it, so of several writes one
    // transition asks for only the last is made (its reason: suspended or terminal over checkpoint).
    const lastPersist = result.commands.findLastIndex((command) => command.kind === 'persist');
    for (const [index, command] of result.commands.entries()) {
      if (command.kind === 'persist' && index !== lastPersist) continue;
      const follow = carryOut(command, result.execution, effects);
      if (follow === undefined) continue;
      if (isPromise(follow)) {
        const value = await follow;
        if (value !== null) next = value;
      } else if (follow !== null && 'kind' in follow) next = follow;
      else if (follow !== null) pending = follow;
    }
    if (pending !== null) return { execution: result.execution, refusal, pending };
    if (next === null) return { execution: result.execution, refusal, pending: null };
    result = transition(result.execution, graph, next, env);
  }
}

/** How a drive ended when it ran to rest. */
export interface DriveResult {
  readonly execution: Execution;
  readonly refusal: Refusal | null;
}

/** Drives until the execution waits for something outside it (suspended or terminal), awaiting asynchronous nodes. */
export async function drive(execution: Execution, graph: CompiledGraph, input: EngineInput, env: EngineEnv, effects: DriveEffects): Promise<DriveResult> {
  let step = await driveStep(execution, graph, input, env, effects);
  const refusal = step.refusal;
  while (step.pending !== null) step = await driveStep(step.execution, graph, await step.pending.outcome, env, effects);
  return { execution: step.execution, refusal };
}

type Follow = EngineInput | PendingNode | null;

function carryOut(command: Command, execution: Execution, effects: DriveEffects): Follow | Promise<null> | undefined {
  switch (command.kind) {
    case 'persist':
      return asFollow(effects.persist(execution, command.reason));
    case 'cancel_children':
      return asFollow(effects.cancelChildren(command.executionIds, command.reason));
    case 'cancel_task':
      return asFollow(effects.cancelTask(command.taskId));
    case 'execute_node': {
      const type = effects.nodeType(command.nodeType);
      const attributes = { 'prana.execution_id': execution.id, 'prana.node_key': command.context.nodeKey, 'prana.node_type': command.nodeType };
      return runNode(command.context.nodeKey, command.context.runIndex, effects, () =>
        effects.tracer.span(`node ${command.nodeType}`, attributes, () => {
          if (type === undefined) throw new Error(`node type ${command.nodeType} is not registered`);
          return type.execute(command.params, command.context);
        }),
      );
    }
    case 'resume_node': {
      const resume = effects.nodeType(command.nodeType)?.resume;
      return runNode(command.context.nodeKey, command.context.runIndex, effects, () =>
        resume === undefined
          ? {
              kind: 'error',
              error: { code: 'invalid_outcome', message: 'Node returned an invalid outcome', details: { reason: 'the node type cannot be resumed' } },
            }
          : resume(command.params, command.context, command.resumption),
      );
    }
  }
}

function asFollow(value: void | Promise<void>): Promise<null> | undefined {
  return isPromise(value) ? value.then(() => null) : undefined;
}

/**
 * Runs a node call: a synchronous outcome is the next input at once; an asynchronous one
 * is returned pending. Exceptions become `node_exception` outcomes, except a store that cannot be
 * reached (a service a node used, such as the graph lookup of a sub-workflow): that is the service's
 * failure, not the node's, so it propagates and the attempt runs again once the store is back.
 */
function runNode(nodeKey: string, runIndex: number, effects: DriveEffects, call: () => Outcome | Promise<Outcome>): EngineInput | PendingNode {
  const toInput = (outcome: Outcome): EngineInput => ({ kind: 'node_outcome', now: effects.now(), nodeKey, runIndex, outcome });
  const failed = (error: unknown): EngineInput => {
    if (error instanceof StoreUnavailable) throw error;
    return toInput(nodeExceptionOutcome(error));
  };
  let produced: Outcome | Promise<Outcome>;
  try {
    produced = call();
  } catch (error) {
    return failed(error);
  }
  if (isPromise<Outcome>(produced)) return { nodeKey, runIndex, outcome: produced.then(toInput, failed) };
  return toInput(produced);
}

function isPromise<T>(value: unknown): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
