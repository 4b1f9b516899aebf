// Schedules in the simulation: a seed creates a few interval schedules of the chain workflow, bounded
// by an end time, under random overlap policies; replicas crash, stall and lose the store while ticks
// fire. Afterwards each tick must have been taken exactly once.
import type { MemoryStores } from '../../src/adapters/memory/memory-stores.js';
import type { NamespaceScope } from '../../src/app/namespace-scope.js';
import { tickExecutionId, triggerExecutionId } from '../../src/app/runtime/schedule-ticks.js';
import type { Execution } from '../../src/domain/execution.js';
import { OVERLAP_POLICIES, type OverlapPolicy, type ScheduleRecord } from '../../src/domain/schedule.js';
import { timesBetween } from '../../src/domain/schedule-times.js';
import type { Prng } from './prng.js';
import { SIM_NAMESPACES } from './workload.js';

/** One simulated schedule. */
export interface SchedulePlan {
  readonly id: string;
  readonly namespace: string;
  readonly everyMs: number;
  readonly overlap: OverlapPolicy;
  /** Ticks stop this long after the simulation's start. */
  readonly spanMs: number;
  /** Whether a caller also triggers it once. */
  readonly trigger: boolean;
}

/** Zero to two schedules (a PRNG stream of their own, so the rest of a seed's plan does not change). */
export function planSchedules(prng: Prng): SchedulePlan[] {
  return Array.from({ length: prng.int(0, 2) }, (_, i) => ({
    id: `sim-schedule-${i}`,
    namespace: SIM_NAMESPACES[i % SIM_NAMESPACES.length] as string,
    everyMs: prng.pick([2000, 5000, 9000]),
    overlap: prng.pick(OVERLAP_POLICIES),
    spanMs: prng.int(20_000, 90_000),
    trigger: prng.chance(0.5),
  }));
}

/** Creates the schedules (before any fault) through one replica's application. */
export async function createSchedules(
  scope: (namespace: string) => NamespaceScope,
  graphId: string,
  plans: readonly SchedulePlan[],
  start: number,
): Promise<void> {
  for (const plan of plans) {
    await scope(plan.namespace).createSchedule(
      {
        scheduleId: plan.id,
        spec: { cron: [], intervals: [{ everyMs: plan.everyMs, offsetMs: 0 }], startAt: null, endAt: start + plan.spanMs, jitterMs: 0 },
        graphId,
        input: { n: 1 },
        labels: { schedule: 'yes' },
        overlap: plan.overlap,
        // Downtime here is short: every tick is caught up.
        catchupWindowMs: 3_600_000,
      },
      false,
      '',
    );
  }
}

/** Triggers the schedules that plan it; a call that fails (a fault) is simply not retried. */
export async function triggerSchedules(scope: (namespace: string) => NamespaceScope, plans: readonly SchedulePlan[]): Promise<void> {
  for (const plan of plans)
    if (plan.trigger)
      await scope(plan.namespace)
        .triggerSchedule(plan.id, null)
        .catch(() => undefined);
}

/** True once every schedule has taken all its ticks (nothing coming, nothing waiting). */
export async function schedulesDone(stores: MemoryStores, plans: readonly SchedulePlan[]): Promise<boolean> {
  for (const plan of plans) {
    const record = await stores.schedules.get(plan.namespace, plan.id);
    if (record === null || record.wakeAt !== null || record.state.pending.length > 0 || record.leaseOwner !== null) return false;
  }
  return true;
}

/**
 * The invariants of schedules: every tick of the spec was taken once (counted started, skipped or
 * missed, nothing waiting), each started tick's execution exists with the id derived from the tick,
 * no execution carries the schedule's label without being one of its ticks, and no tick started two.
 */
export async function checkSchedules(
  stores: MemoryStores,
  plans: readonly SchedulePlan[],
  executions: readonly Execution[],
): Promise<{ violations: string[]; checks: number }> {
  const violations: string[] = [];
  let checks = 0;
  for (const plan of plans) {
    checks++;
    const record = await stores.schedules.get(plan.namespace, plan.id);
    if (record === null) {
      violations.push(`schedule ${plan.id} is missing`);
      continue;
    }
    const name = `schedule ${plan.id} (${plan.overlap})`;
    const ticks = timesBetween(record.spec, record.createdAt + 1, record.spec.endAt as number, 10_000);
    const { state } = record;
    const counted = state.started + state.skipped + state.missed;
    if (state.pending.length > 0 || state.nextNominal !== null)
      violations.push(`${name}: ${state.pending.length} ticks wait and the next is ${state.nextNominal}`);
    if (counted !== ticks.length + state.triggers) {
      violations.push(
        `${name}: ${ticks.length} ticks and ${state.triggers} triggers, but ${state.started} started + ${state.skipped} skipped + ${state.missed} missed`,
      );
    }
    const mine = executions.filter((execution) => execution.labels['prana.schedule'] === plan.id);
    const tickIds = new Set(ticks.map((nominal) => tickExecutionId(record, nominal)));
    for (let n = 1; n <= state.triggers; n++) tickIds.add(triggerExecutionId(record, n));
    const stray = mine.filter((execution) => !tickIds.has(execution.id));
    if (stray.length > 0) violations.push(`${name}: executions that are not of a tick: ${stray.map((e) => e.id).join(', ')}`);
    if (mine.length !== state.started) violations.push(`${name}: ${mine.length} executions but ${state.started} recorded started`);
    if (plan.overlap === 'allow_all' && state.started !== ticks.length + state.triggers) {
      violations.push(`${name}: allow_all started ${state.started} of ${ticks.length} ticks and ${state.triggers} triggers`);
    }
    checks += ticks.length + mine.length;
    if (state.missed > 0) violations.push(`${name}: ${state.missed} ticks missed within an hour's catch-up window`);
    expectNoLease(record, name, violations);
  }
  return { violations, checks };
}

function expectNoLease(record: ScheduleRecord, name: string, violations: string[]): void {
  if (record.leaseOwner !== null) violations.push(`${name}: still leased to ${record.leaseOwner}`);
}
