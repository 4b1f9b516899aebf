import { PranaApp, type AppDeps, type Stores } from '../../../src/app/prana-app.js';
import type { NodeLogRecord } from '../../../src/nodes/kit/node-services.js';
import { createMemoryStores, type MemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { graphFacts } from '../../../src/adapters/document/graph-facts.js';
import { NodeCacheGraphCache } from '../../../src/adapters/cache/node-cache-graph-cache.js';
import { MemoryGraphStore } from '../../../src/adapters/memory/memory-graph-store.js';
import { GraphRepository } from '../../../src/app/graph-repository.js';
import { builtinRegistry } from '../../../src/nodes/builtin/catalog.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { FakeTime } from '../../support/fake-time.js';

/** A PranaApp on memory stores and fake time, with the errors and logs it reported. */
export interface TestApp {
  readonly app: PranaApp;
  readonly time: FakeTime;
  readonly stores: MemoryStores;
  readonly errors: unknown[];
  readonly logs: NodeLogRecord[];
  compile(definition: WorkflowDefinition): Promise<string>;
}

/**
 * Builds the application as main.ts does, on memory stores and fake time. With `replicaOf`, a second
 * replica: its own process state (cache, hub, timers, locks) over the other one's stores and clock.
 */
/** Settings a test may change; `wrapStores` and `timers` let a test break a replica (crash.ts). */
export type TestAppOptions = Partial<Pick<AppDeps, 'subscriberQueue' | 'maxWatchLag' | 'leaseMs' | 'pollMs' | 'owner' | 'timers'>> & {
  readonly wrapStores?: (stores: Stores) => Stores;
  /** The fake time of a first replica (a second one shares its replica's). */
  readonly time?: FakeTime;
};

export function testApp(replicaOf?: TestApp, options: TestAppOptions = {}): TestApp {
  const time = replicaOf?.time ?? options.time ?? new FakeTime();
  const errors: unknown[] = [];
  const logs: NodeLogRecord[] = [];
  // The graph store first, a graph repository over it for the stores' graph facts, then the stores;
  // the application's own repository reads graphs through the (possibly broken) stores it is given.
  const { wrapStores, time: _time, ...settings } = options;
  const registry = builtinRegistry();
  const stores = replicaOf?.stores ?? memoryStores(registry, time);
  const given = wrapStores === undefined ? stores : wrapStores(stores);
  const graphs = new GraphRepository(given.graphs, new NodeCacheGraphCache(), registry, time);
  const app = new PranaApp({
    stores: given,
    graphs,
    clock: time,
    timers: time,
    tokenSecret: 'test-secret',
    env: { region: 'eu' },
    outbound: { allows: () => true, allowsAddress: () => true },
    log: (record) => logs.push(record),
    onError: (error) => errors.push(error),
    owner: replicaOf === undefined ? 'test-replica' : 'second-replica',
    watchPollMs: 50,
    ...settings,
  });
  const built = app;
  return {
    app: built,
    time,
    stores,
    errors,
    logs,
    compile: async (definition) => {
      const result = await built.compileWorkflow(definition);
      if (result.graphId === '') throw new Error(`does not compile: ${JSON.stringify(result.diagnostics)}`);
      return result.graphId;
    },
  };
}

/** Memory stores whose graph facts come from a repository over their own graph store. */
function memoryStores(registry: ReturnType<typeof builtinRegistry>, time: FakeTime): MemoryStores {
  const graphStore = new MemoryGraphStore();
  const graphs = new GraphRepository(graphStore, new NodeCacheGraphCache(), registry, time);
  return createMemoryStores(
    async (graphId) => {
      const graph = await graphs.load(graphId);
      if (graph === null) throw new Error(`graph ${graphId} missing`);
      return graphFacts(graph);
    },
    {},
    graphStore,
  );
}
