import { isTerminal } from '../../src/domain/execution.js';
import { Clients } from './client.js';
import { FaultPlan, type FaultCounts, type FaultRates } from './faults.js';
import { allExecutions, checkInvariants, endings, type Ending } from './invariants.js';
import { Prng } from './prng.js';
import { Replica, sharedStores, type ReplicaSettings } from './replica.js';
import { checkSchedules, createSchedules, planSchedules, schedulesDone, triggerSchedules, type SchedulePlan } from './schedules.js';
import { Scheduler } from './scheduler.js';
import type { LedgerEntry } from './sim-node.js';
import { childWorkflow, scriptsOf, SIM_NAMESPACES, workflowOf, type Script, type ScriptKind } from './workload.js';

/** When every simulation starts (a fixed instant, so schedule waits and outputs repeat). */
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
/** How long a seed may run in simulated time before whatever is unfinished counts as stuck. */
const LIMIT_MS = 30 * 60_000;
const HARNESS = 'harness';

/** Everything a seed decides up front. */
export interface SeedPlan {
  readonly replicas: number;
  readonly scripts: readonly Script[];
  readonly maxCrashes: number;
  readonly rates: FaultRates;
  readonly settings: ReplicaSettings;
  readonly faultPhaseMs: number;
  readonly clockJumps: number;
  readonly outage: boolean;
  readonly delays: { readonly short: number; readonly long: number };
  readonly schedules: readonly SchedulePlan[];
}

/** The outcome of one seed. */
export interface SeedResult {
  readonly seed: number;
  readonly violations: readonly string[];
  readonly checks: number;
  readonly faults: FaultCounts;
  readonly executions: number;
  readonly scripts: number;
  readonly simulatedMs: number;
}

/** The plan of a seed: a PRNG stream of its own, so the workload is the same with and without faults. */
export function planOf(seed: number): SeedPlan {
  const prng = new Prng(seed);
  const settings = { leaseMs: prng.pick([3000, 5000, 10_000]), pollMs: prng.pick([500, 1000]) };
  return {
    replicas: prng.int(1, 3),
    scripts: scriptsOf(prng, prng.int(3, 10), 20_000),
    maxCrashes: prng.int(0, 4),
    rates: {
      crash: prng.pick([0, 0.003, 0.01]),
      fail: prng.pick([0, 0.01, 0.03]),
      stall: prng.pick([0, 0.005, 0.02]),
      maxStallMs: prng.pick([500, settings.leaseMs * 2]),
    },
    settings,
    faultPhaseMs: prng.int(20_000, 90_000),
    clockJumps: prng.int(0, 2),
    outage: prng.chance(0.3),
    delays: { short: prng.pick([0, 50, 300]), long: prng.pick([500, 4000, settings.leaseMs * 2]) },
    schedules: planSchedules(new Prng(seed ^ 0x3c6ef372)),
  };
}

/** What one run of a plan left behind, for the invariants. */
interface Run {
  readonly result: Omit<SeedResult, 'violations' | 'checks'>;
  readonly stores: ReturnType<typeof sharedStores>;
  readonly clients: Clients;
  readonly ledger: readonly LedgerEntry[];
  readonly disruptions: FaultPlan['disruptions'];
  readonly schedules: readonly SchedulePlan[];
}

/** Runs a plan once: with faults (several replicas) or without (one replica, the reference). */
async function execute(seed: number, plan: SeedPlan, faults: boolean): Promise<Run> {
  const scheduler = new Scheduler(START);
  const stores = sharedStores(scheduler);
  const ledger: LedgerEntry[] = [];
  const faultPrng = new Prng(seed ^ 0x5bd1e995);
  let crashes = 0;
  const faultPlan = new FaultPlan(faultPrng, plan.rates, scheduler, () => crashes < plan.maxCrashes);
  const replicas: Replica[] = [];
  const incarnations: number[] = [];
  const spawn = (slot: number): Replica => {
    incarnations[slot] = (incarnations[slot] ?? 0) + 1;
    const replica = new Replica(`r${slot}#${incarnations[slot]}`, stores, scheduler, faultPlan, plan.settings, ledger, (dead) => {
      crashes++;
      faultPlan.record({ replica: dead.name, at: scheduler.now(), kind: 'crash' });
      scheduler.timers(HARNESS).setTimeout(
        () => {
          replicas[slot] = spawn(slot);
        },
        faultPrng.int(1000, 15_000),
      );
    });
    replica.start();
    return replica;
  };
  const count = faults ? plan.replicas : 1;
  for (let slot = 0; slot < count; slot++) replicas.push(spawn(slot));

  // Compile before any fault: the child first, then every kind's workflow.
  const first = replicas[0] as Replica;
  const compile = async (definition: Parameters<Replica['app']['compileWorkflow']>[0]): Promise<string> => {
    let graphId = '';
    for (const namespace of SIM_NAMESPACES) {
      const compiled = await first.app.in(namespace).compileWorkflow(definition);
      if (compiled.graphId === '') throw new Error(`simulation workflow ${definition.id} does not compile: ${JSON.stringify(compiled.diagnostics)}`);
      graphId = compiled.graphId;
    }
    return graphId;
  };
  const child = await compile(childWorkflow(plan.delays.short));
  const graphs = new Map<ScriptKind, string>();
  for (const script of plan.scripts) {
    if (!graphs.has(script.kind)) graphs.set(script.kind, await compile(workflowOf(script.kind, child, START, plan.delays)));
  }

  // Schedules of the chain workflow, created before any fault; a caller triggers some mid-run.
  if (plan.schedules.length > 0) {
    const chain = await compile(workflowOf('chain', child, START, plan.delays));
    await createSchedules((namespace) => first.app.in(namespace), chain, plan.schedules, START);
    scheduler.timers(HARNESS).setTimeout(
      () => {
        const live = replicas.find((replica) => !replica.dead);
        if (live !== undefined) void triggerSchedules((namespace) => live.app.in(namespace), plan.schedules);
      },
      new Prng(seed ^ 0x1b873593).int(0, 20_000),
    );
  }

  const clients = new Clients(
    new Prng(seed ^ 0x27d4eb2f),
    scheduler,
    () => replicas,
    (script) => graphs.get(script.kind) as string,
  );
  for (const script of plan.scripts) void clients.run(script);
  void clients.worker();

  if (faults) {
    faultPlan.active = true;
    const harness = scheduler.timers(HARNESS);
    harness.setTimeout(() => {
      faultPlan.active = false;
    }, plan.faultPhaseMs);
    for (let i = 0; i < plan.clockJumps; i++) {
      harness.setTimeout(
        () => {
          faultPlan.counts.clockJumps++;
          faultPlan.record({ replica: '*', at: scheduler.now(), kind: 'clock_jump' });
          scheduler.jump(plan.settings.leaseMs + faultPrng.int(0, 5000));
        },
        faultPrng.int(0, plan.faultPhaseMs),
      );
    }
    if (plan.outage) {
      harness.setTimeout(
        () => {
          faultPlan.counts.outages++;
          faultPlan.outageUntil = scheduler.now() + faultPrng.int(1000, 10_000);
          faultPlan.record({ replica: '*', at: scheduler.now(), kind: 'outage' });
        },
        faultPrng.int(0, plan.faultPhaseMs),
      );
    }
  }

  // Run until every client is done, then until every execution (children too) has ended.
  const until = START + LIMIT_MS;
  await scheduler.run(until, () => plan.scripts.every((s) => clients.record.finished.get(s.id) === true));
  for (;;) {
    const open = (await allExecutions(stores)).filter((e) => !isTerminal(e.status));
    if ((open.length === 0 && (await schedulesDone(stores, plan.schedules))) || scheduler.now() >= until) break;
    await scheduler.run(Math.min(until, scheduler.now() + 5000), () => false);
  }
  clients.stopped = true;
  // The outage ends and the clock runs past every lease (the disruptions' own effects end too).
  faultPlan.outageUntil = 0;

  const executions = (await allExecutions(stores)).length;
  return {
    result: { seed, faults: faultPlan.counts, executions, scripts: plan.scripts.length, simulatedMs: scheduler.now() - START },
    stores,
    clients,
    ledger,
    disruptions: faultPlan.disruptions,
    schedules: plan.schedules,
  };
}

/** The invariants of a run, against the endings of the reference run. */
async function check(run: Run, reference: ReadonlyMap<string, Ending>): Promise<{ violations: string[]; checks: number }> {
  const executions = await checkInvariants({ stores: run.stores, record: run.clients.record, reference, ledger: run.ledger, disruptions: run.disruptions });
  const schedules = await checkSchedules(run.stores, run.schedules, await allExecutions(run.stores));
  return { violations: [...executions.violations, ...schedules.violations], checks: executions.checks + schedules.checks };
}

/** Simulates one seed: a fault-free reference run, then the run with faults, then the invariants. */
export async function simulate(seed: number): Promise<SeedResult> {
  const plan = planOf(seed);
  const reference = await execute(seed, plan, false);
  const expected = await endings(reference.stores, reference.clients.record);
  const own = await check(reference, expected);
  const run = await execute(seed, plan, true);
  const { violations, checks } = await check(run, expected);
  return { ...run.result, violations: [...own.violations.map((v) => `fault-free run: ${v}`), ...violations], checks: checks + own.checks };
}
