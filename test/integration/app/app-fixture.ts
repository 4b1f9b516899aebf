import { PranaApp, type AppDeps, type Stores } from '../../../src/app/prana-app.js';
import type { NodeLogRecord } from '../../../src/nodes/node-services.js';
import { createMemoryStores, type MemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { graphFacts } from '../../../src/adapters/document/graph-facts.js';
import { NodeCacheGraphCache } from '../../../src/adapters/cache/node-cache-graph-cache.js';
import { builtinRegistry } from '../../../src/nodes/catalog.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { FakeTime } from './fake-time.js';

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
  const cache = new NodeCacheGraphCache();
  const errors: unknown[] = [];
  const logs: NodeLogRecord[] = [];
  const holder: { app?: PranaApp } = {};
  const stores =
    replicaOf?.stores ??
    createMemoryStores(async (graphId) => {
      const graph = await (holder.app as PranaApp).context.graphs.load(graphId);
      if (graph === null) throw new Error(`graph ${graphId} missing`);
      return graphFacts(graph);
    });
  const { wrapStores, time: _time, ...settings } = options;
  const app = new PranaApp({
    stores: wrapStores === undefined ? stores : wrapStores(stores),
    graphCache: cache,
    registry: builtinRegistry(),
    clock: time,
    timers: time,
    tokenSecret: 'test-secret',
    env: { region: 'eu' },
    outbound: { allows: () => true },
    log: (record) => logs.push(record),
    onError: (error) => errors.push(error),
    owner: replicaOf === undefined ? 'test-replica' : 'second-replica',
    watchPollMs: 50,
    ...settings,
  });
  holder.app = app;
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
