import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { PranaApp, type AppDeps, type Stores } from '../app/prana-app.js';
import { ALWAYS_AVAILABLE, type StoreAvailability } from '../app/ports/store-availability.js';
import { gated } from '../app/store-gate.js';
import type { Clock, Timers } from '../app/ports/clock.js';
import { NodeCacheGraphCache } from '../adapters/cache/node-cache-graph-cache.js';
import { graphFacts, type FactsResolver } from '../adapters/document/graph-facts.js';
import { createMemoryStores } from '../adapters/memory/memory-stores.js';
import { connectMongo } from '../adapters/mongo/mongo-stores.js';
import { MemoryGraphStore } from '../adapters/memory/memory-graph-store.js';
import type { ExecutionStoreLimits } from '../adapters/document/store-limits.js';
import { GraphRepository } from '../app/graph-repository.js';
import type { GraphStore } from '../app/ports/graph-store.js';
import { systemClock, systemTimers } from '../adapters/system/system-time.js';
import { builtinRegistry } from '../nodes/builtin/catalog.js';
import { closeCodeSandboxPool } from '../nodes/builtin/code/shared-sandbox-pool.js';
import type { CallCapacity } from '../transport/grpc/open-calls.js';
import { createPranaHandlers } from '../transport/grpc/prana-handlers.js';
import { startGrpcServer } from '../transport/grpc/server.js';
import { Authenticator } from '../transport/grpc/auth/authenticator.js';
import { authInterceptor } from '../transport/grpc/auth/auth-interceptor.js';
import { loadServerCredentials, type LoadedCredentials } from '../transport/grpc/tls-credentials.js';
import { callLogInterceptor, type FinishedCall } from '../transport/grpc/call-log-interceptor.js';
import { PrometheusMetrics } from '../adapters/metrics/prometheus-metrics.js';
import { startMetricsServer, type MetricsServer } from '../adapters/metrics/metrics-server.js';
import { timedStore } from '../adapters/metrics/timed-store.js';
import { stateChangeLog } from '../adapters/logging/state-change-log.js';
import { allOf } from '../app/ports/telemetry.js';
import { otelTracer, TRACER_NAME } from '../adapters/tracing/otel-tracer.js';
import { tracedStore } from '../adapters/tracing/traced-store.js';
import { traceInterceptor } from '../transport/grpc/trace-interceptor.js';
import type { Config } from './config.js';
import { makeProtoKeysPlain } from './plain-proto-keys.js';
import { EgressPolicy } from './egress-policy.js';

/** Settings tests (and benchmarks) may change; production takes every default. */
export interface ServiceOverrides {
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Application settings (subscriber queue, poll intervals, limits …). */
  readonly app?: Partial<
    Pick<
      AppDeps,
      | 'engineLimits'
      | 'nodeLimits'
      | 'requestLimits'
      | 'leaseMs'
      | 'pollMs'
      | 'watchPollMs'
      | 'subscriberQueue'
      | 'maxWatchLag'
      | 'retentionMs'
      | 'retentionByNamespace'
    >
  >;
  readonly capacity?: Partial<CallCapacity>;
  /** Largest request message, bytes. */
  readonly maxReceiveMessageBytes?: number;
  /** How long a MongoDB operation looks for a server before failing with StoreUnavailable. */
  readonly mongoServerSelectionTimeoutMs?: number;
  /** Wraps the stores the application uses (benchmarks count or slow down store calls); closing stays the original's. */
  readonly wrapStores?: (stores: Stores) => Stores;
}

/** A running Prana: the gRPC server over the application over the stores. */
export interface RunningService {
  /** `host:port` actually bound. */
  readonly address: string;
  readonly port: number;
  /** The port `/metrics` is served on, when PRANA_METRICS_ADDRESS is set. */
  readonly metricsPort: number | undefined;
  /** The application (tests drive the poller with `pollNow`). */
  readonly app: PranaApp;
  /** `memory` or `mongodb`. */
  readonly store: 'memory' | 'mongodb';
  /**
   * Stops gracefully: health NOT_SERVING, open waits and streams end with `shutting_down`, calls in
   * flight get the grace period; then background work stops, the code sandbox workers end and the
   * stores close. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * The composition root's wiring: stores (memory without MONGODB_URI, MongoDB with it), the node-cache
 * graph cache, the built-in node registry, the application and the gRPC server; then background
 * polling starts. Only this file (with src/main.ts) knows every concrete class.
 */
export async function startService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<RunningService> {
  makeProtoKeysPlain();
  const clock = overrides.clock ?? systemClock;
  // Key files are read before anything starts: a bad one fails startup with its name.
  const authenticator = await Authenticator.create(config.auth, config.publicHealth);
  const graphCache = new NodeCacheGraphCache();
  // The store first, then the graph repository over its graph store, then the execution stores, which
  // resolve graph facts through the repository: nothing is filled in later.
  const connection =
    config.mongodb === undefined
      ? memoryConnection(config.memoryMaxEnded)
      : await connectMongo(config.mongodb.uri, {
          dbName: config.mongodb.database,
          ...(overrides.mongoServerSelectionTimeoutMs === undefined ? {} : { serverSelectionTimeoutMS: overrides.mongoServerSelectionTimeoutMs }),
        });
  // While the store cannot be reached, calls fail at once (store_unavailable) and health is NOT_SERVING.
  const availability = connection.availability;
  const graphs = new GraphRepository(gated(connection.graphs, availability, 'graph'), graphCache, builtinRegistry(), clock);
  const facts: FactsResolver = async (graphId) => {
    const graph = await graphs.load(graphId);
    if (graph === null) throw new Error(`graph ${graphId} of a stored execution is missing`);
    return graphFacts(graph);
  };
  const stores = connection.stores(facts, { maxDocumentBytes: config.maxDocumentBytes, inlineOutputBytes: config.inlineOutputBytes });
  // Metrics only when an address is configured: the timing wrappers cost nothing otherwise.
  const metrics = config.metricsAddress === undefined ? undefined : new PrometheusMetrics();
  const observed = <T extends object>(store: T, name: string): T => {
    const timed = metrics === undefined ? store : timedStore(store, name, metrics.observeStore);
    return config.tracing ? tracedStore(timed, name) : timed;
  };
  const reachable: Stores = {
    executions: observed(gated(stores.executions, availability, 'execution'), 'execution'),
    events: observed(gated(stores.events, availability, 'event'), 'event'),
    graphs: observed(gated(stores.graphs, availability, 'graph'), 'graph'),
    idempotency: observed(gated(stores.idempotency, availability, 'idempotency'), 'idempotency'),
    tasks: observed(gated(stores.tasks, availability, 'task'), 'task'),
    schedules: observed(gated(stores.schedules, availability, 'schedule'), 'schedule'),
  };

  const app = new PranaApp({
    stores: overrides.wrapStores === undefined ? reachable : overrides.wrapStores(reachable),
    graphs,
    clock,
    timers: overrides.timers ?? systemTimers,
    tokenSecret: config.tokenSecret ?? randomSecret(logger),
    engineLimits: { maxLoopIterations: config.maxLoopIterations },
    leaseMs: config.leaseMs,
    retentionMs: config.retentionMs,
    retentionByNamespace: config.retentionByNamespace,
    pollMs: config.pollMs,
    env: config.env,
    outbound: new EgressPolicy({ deny: config.httpDenyHosts, allow: config.httpAllowHosts }),
    log: (record) => logger[record.level]({ node: record.fields }, record.message),
    onError: (error, context) => logger.error({ err: error, context }, 'background work failed'),
    ...(config.tracing ? { tracer: otelTracer } : {}),
    telemetry: allOf([stateChangeLog(logger), ...(metrics === undefined ? [] : [metrics.telemetry])]),
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    ...overrides.app,
  });

  const rpc = createPranaHandlers({
    app,
    log: logger,
    ...(overrides.capacity && { capacity: overrides.capacity }),
  });
  metrics?.countStreams(rpc.openStreams);
  let server;
  let tls: LoadedCredentials | undefined;
  let metricsServer: MetricsServer | undefined;
  try {
    tls = await loadServerCredentials(config.tls, logger);
    if (metrics !== undefined && config.metricsAddress !== undefined) {
      metricsServer = await startMetricsServer(metrics.registry, config.metricsAddress.host, config.metricsAddress.port);
    }
    server = await startGrpcServer({
      address: config.grpcAddress.text,
      logger,
      shutdownGraceMs: config.shutdownGraceMs,
      handlers: rpc.handlers,
      onDrain: rpc.drain,
      credentials: tls.credentials,
      ...(config.reflection ? { reflectionDescriptorSet: contractDescriptorSet() } : {}),
      // The call log first: it sees the calls authentication refuses too.
      interceptors: [
        callLogInterceptor((call) => logCall(logger, metrics, call)),
        ...(config.tracing ? [traceInterceptor(TRACER_NAME)] : []),
        // Without authentication configured every caller is let in: no interceptor to pass through.
        ...(config.auth.kind === 'open' ? [] : [authInterceptor(authenticator, logger)]),
      ],
      ...(overrides.maxReceiveMessageBytes === undefined ? {} : { maxReceiveMessageBytes: overrides.maxReceiveMessageBytes }),
    });
  } catch (error) {
    tls?.close();
    await metricsServer?.close();
    graphCache.close();
    await connection.close();
    throw error;
  }
  app.start();
  const grpc = server;
  const credentials = tls;
  const stopWatching = availability.onChange((available) => {
    logger[available ? 'info' : 'error'](
      { store: 'mongodb' },
      available ? 'the store answers again: SERVING' : 'the store cannot be reached: NOT_SERVING, calls fail with store_unavailable',
    );
    grpc.setReady(available);
  });
  if (!availability.available) grpc.setReady(false);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopWatching();
      await grpc.stop();
      credentials.close();
      await app.stop(config.shutdownGraceMs);
      await closeCodeSandboxPool();
      graphCache.close();
      await connection.close();
      await metricsServer?.close();
    })();
    return stopping;
  };
  return {
    address: grpc.address,
    port: grpc.port,
    metricsPort: metricsServer?.port,
    app,
    store: config.mongodb === undefined ? 'memory' : 'mongodb',
    stop,
  };
}

/** The in-memory store as a connection (always available). */
function memoryConnection(maxEnded: number): {
  availability: StoreAvailability;
  graphs: GraphStore;
  stores: (facts: FactsResolver, limits: ExecutionStoreLimits) => Stores;
  close(): Promise<void>;
} {
  const graphStore = new MemoryGraphStore();
  return {
    availability: ALWAYS_AVAILABLE,
    graphs: graphStore,
    stores: (facts, limits) => createMemoryStores(facts, limits, graphStore, maxEnded),
    close: async () => undefined,
  };
}

/** A random per-process token secret, with the warning that tokens then do not outlive the process. */
function randomSecret(logger: Logger): string {
  logger.warn(
    'PRANA_TOKEN_SECRET is not set: resume tokens are signed with a random per-process secret, so they stop working when the process restarts and are refused by other replicas. Set PRANA_TOKEN_SECRET (at least 32 random characters) in production.',
  );
  return randomBytes(32).toString('hex');
}

/** The access log line of a call (health checks at debug: probes call often) and its RPC metric. */
function logCall(logger: Logger, metrics: PrometheusMetrics | undefined, call: FinishedCall): void {
  metrics?.observeRpc(call.method, call.code, call.durationMs / 1000);
  const level = call.method.startsWith('grpc.health.') ? 'debug' : 'info';
  logger[level](
    {
      method: call.method,
      code: call.code,
      durationMs: Math.round(call.durationMs * 10) / 10,
      ...(call.executionId === undefined ? {} : { executionId: call.executionId }),
      ...(call.requestId === undefined ? {} : { requestId: call.requestId }),
      ...(call.caller === undefined ? {} : { caller: call.caller }),
      peer: call.peer,
    },
    'rpc',
  );
}

/** The contract's descriptor set, `proto/prana.binpb` at the package root (above `src/` or `dist/src/`). */
function contractDescriptorSet(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the package root for proto/prana.binpb');
    dir = parent;
  }
  return join(dir, 'proto', 'prana.binpb');
}
