import type { Execution } from '../../domain/execution.js';
import type { SubWorkflowSuspension } from '../../domain/suspension.js';
import { isTerminal } from '../../domain/execution.js';
import type { Suspension } from '../../domain/suspension.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import { createExecution, currentSuspension, type EngineEnv, type PersistReason } from '../../engine/index.js';
import { bug } from '../app-error.js';
import type { GraphRepository } from '../graph-repository.js';
import type { EventLog } from '../ports/event-log.js';
import { StoreConflict, type ExecutionStore, type Lease, type PendingEffect } from '../ports/execution-store.js';
import type { TaskStore } from '../ports/task-store.js';
import { childSpecOf } from './children.js';
import { nextWakeOf } from './next-wake.js';
import type { Session } from './session.js';
import { taskRecordOf } from './task-record.js';

/** The stores and settings a write needs. */
export interface PersistenceDeps {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly tasks: TaskStore;
  readonly graphs: GraphRepository;
  readonly engine: EngineEnv;
  readonly owner: string;
  readonly leaseMs: number;
}

/** The revision of a session whose execution is not stored yet: its first write inserts it. */
export const UNSTORED = 0;

/** The lease a write of this replica carries until `now + leaseMs`. */
export function leaseFrom(deps: Pick<PersistenceDeps, 'owner' | 'leaseMs'>, now: number, epoch: number): Lease {
  return { owner: deps.owner, epoch, until: now + deps.leaseMs };
}

/**
 * What the write of an execution owes besides what its session already owes: a look at what the
 * suspension waits on when some of it existed before (it may have ended already), and, for a child
 * that ended, telling its parent.
 */
export async function owedBy(deps: PersistenceDeps, execution: Execution, reason: PersistReason, now: number): Promise<PendingEffect[]> {
  const owed: PendingEffect[] = [];
  const suspension = reason === 'suspended' ? currentSuspension(execution) : undefined;
  if (suspension !== undefined && (await createWaitedOn(deps, execution, suspension, now))) owed.push({ kind: 'check_suspension' });
  const parent = execution.parent;
  if (isTerminal(execution.status) && parent !== null && execution.mode !== 'fire_and_forget') {
    owed.push({
      kind: 'notify_parent',
      parentExecutionId: parent.parentExecutionId,
      parentNodeKey: parent.parentNodeKey,
      parentRunIndex: parent.parentRunIndex,
    });
  }
  return owed;
}

/**
 * Writes a session's execution: its unsaved events first (the execution's seq commits them), then the
 * record (inserted when the session is UNSTORED), conditional on the revision, with the effects it owes. A running execution, or one that owes
 * effects, keeps this replica's lease; any other gives it up with the write. `onConflict` may repair
 * a lost race (a cancel request recorded by another replica) and ask for one more try.
 */
export async function writeSession(
  deps: PersistenceDeps,
  session: Session,
  effects: readonly PendingEffect[],
  now: number,
  options: { readonly minimal?: boolean; readonly onConflict?: () => Promise<boolean> } = {},
): Promise<void> {
  if (session.unsaved.length > 0) {
    const events = session.unsaved.slice();
    await deps.events.append(events, session.lease.epoch);
    session.unsaved.splice(0, events.length);
  }
  const keep = session.execution.status === 'running' || effects.length > 0;
  const lease = keep ? leaseFrom(deps, now, session.lease.epoch) : null;
  const record = () => ({ execution: session.execution, nextWakeAt: nextWakeOf(session.execution, null), lease, effects, updatedAt: now });
  const write = options.minimal === true ? { minimal: true } : undefined;
  let stored;
  if (session.revision === UNSTORED) {
    // Its id was generated for it, so no other writer can have inserted it.
    stored = await deps.executions.insert(record());
  } else
    try {
      stored = await deps.executions.update(record(), session.revision, write);
    } catch (error) {
      if (!(error instanceof StoreConflict && error.kind === 'revision' && options.onConflict !== undefined && (await options.onConflict()))) throw error;
      stored = await deps.executions.update(record(), session.revision, write);
    }
  session.revision = stored.revision;
  if (lease !== null) session.lease = lease;
  session.leaseStored = keep;
  session.effects = effects;
  session.newEffects = [];
}

/**
 * Creates what a suspension waits on before the suspension itself is written: the
 * children of a sub-workflow, the task of an external task. Returns true when some of it existed
 * already (created before a crash, so it may have ended) or, for fire_and_forget, when nothing is to
 * be waited for: the suspension must then be checked once written.
 */
async function createWaitedOn(deps: PersistenceDeps, execution: Execution, suspension: Suspension, now: number): Promise<boolean> {
  if (suspension.kind === 'sub_workflow') {
    const graph = await deps.graphs.load(suspension.workflowId);
    if (graph === null) throw bug(`sub-workflow graph ${suspension.workflowId} vanished`);
    let existed = suspension.mode === 'fire_and_forget';
    for (const child of suspension.children ?? []) {
      if (!(await createChild(deps, execution, suspension, graph, child, now))) existed = true;
    }
    return existed;
  }
  if (suspension.kind === 'task') return !(await deps.tasks.create(taskRecordOf(execution, suspension)));
  return false;
}

/**
 * Inserts one child: a sync child running with this replica's lease (started right after the parent's
 * suspension is written, or by whoever takes the lease over once it expires), others pending until due.
 * Returns false when it existed.
 */
async function createChild(
  deps: PersistenceDeps,
  parent: Execution,
  suspension: SubWorkflowSuspension,
  graph: CompiledGraph,
  child: NonNullable<SubWorkflowSuspension['children']>[number],
  now: number,
): Promise<boolean> {
  const execution = createExecution(graph, childSpecOf(parent, suspension, child, now), deps.engine.limits);
  const lease = execution.status === 'running' ? leaseFrom(deps, now, 0) : null;
  try {
    await deps.executions.insert({
      execution,
      nextWakeAt: nextWakeOf(execution, suspension.mode === 'sync' ? null : child.dueAt),
      lease,
      effects: [],
      updatedAt: now,
    });
    return true;
  } catch (error) {
    if (error instanceof StoreConflict && error.kind === 'exists') return false;
    throw error;
  }
}
