import { PranaApp, type Stores } from '../../src/app/prana-app.js';
import { GraphRepository } from '../../src/app/graph-repository.js';
import { NodeCacheGraphCache } from '../../src/adapters/cache/node-cache-graph-cache.js';
import { graphFacts } from '../../src/adapters/document/graph-facts.js';
import { createMemoryStores, type MemoryStores } from '../../src/adapters/memory/memory-stores.js';
import { MemoryGraphStore } from '../../src/adapters/memory/memory-graph-store.js';
import { builtinNodeTypes } from '../../src/nodes/builtin/catalog.js';
import { createRegistry } from '../../src/nodes/kit/registry.js';
import { faulty, type FaultPlan, type Incarnation } from './faults.js';
import type { Scheduler } from './scheduler.js';
import { simEffectNode, type LedgerEntry } from './sim-node.js';

/** Settings every replica of a simulation shares. */
export interface ReplicaSettings {
  readonly leaseMs: number;
  readonly pollMs: number;
}

/** The stores of one simulated deployment (memory stores: atomic like MongoDB), shared by all replicas. */
export function sharedStores(scheduler: Scheduler): MemoryStores {
  // The codec only needs the graphs' facts; the node type's behaviour does not matter here.
  const registry = createRegistry([...builtinNodeTypes(), simEffectNode('facts', scheduler.timers('facts'), [], scheduler)]);
  const graphStore = new MemoryGraphStore();
  const graphs = new GraphRepository(graphStore, new NodeCacheGraphCache(), registry, scheduler);
  const stores = createMemoryStores(
    async (graphId) => {
      const graph = await graphs.load(graphId);
      if (graph === null) throw new Error(`graph ${graphId} is missing`);
      return graphFacts(graph);
    },
    {},
    graphStore,
  );
  return stores;
}

/**
 * One process of the service: a PranaApp of its own (graph cache, hub, timers, locks) over the shared
 * stores seen through the fault plan. Crashing it kills its timers and makes every store call it
 * still makes hang, as a killed process would; a restart is a new incarnation with a new owner name.
 */
export class Replica implements Incarnation {
  readonly app: PranaApp;
  dead = false;
  readonly errors: unknown[] = [];

  constructor(
    readonly name: string,
    stores: Stores,
    private readonly scheduler: Scheduler,
    plan: FaultPlan,
    settings: ReplicaSettings,
    ledger: LedgerEntry[],
    private readonly onCrash: (replica: Replica) => void,
  ) {
    const timers = scheduler.timers(name);
    const wrap = <T extends object>(store: T): T => faulty(store, this, plan, scheduler);
    const graphStore = wrap(stores.graphs);
    const registry = createRegistry([...builtinNodeTypes(), simEffectNode(name, timers, ledger, scheduler)]);
    this.app = new PranaApp({
      stores: {
        executions: wrap(stores.executions),
        events: wrap(stores.events),
        graphs: graphStore,
        idempotency: wrap(stores.idempotency),
        tasks: wrap(stores.tasks),
        schedules: wrap(stores.schedules),
      },
      graphs: new GraphRepository(graphStore, new NodeCacheGraphCache(), registry, scheduler),
      clock: scheduler,
      timers,
      tokenSecret: 'simulation-secret-simulation-secret',
      env: {},
      outbound: { allows: () => false, allowsAddress: () => false },
      log: () => undefined,
      onError: (error) => {
        if (!this.dead) this.errors.push(error);
      },
      owner: name,
      leaseMs: settings.leaseMs,
      pollMs: settings.pollMs,
      watchPollMs: 250,
    });
  }

  /** Starts background work (the store poller). */
  start(): void {
    this.app.start();
  }

  crash(): void {
    if (this.dead) return;
    this.dead = true;
    this.scheduler.kill(this.name);
    this.onCrash(this);
  }
}
