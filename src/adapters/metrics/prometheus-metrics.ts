import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ExecutionEvent } from '../../domain/events.js';
import type { RecoveryAction, Telemetry } from '../../app/ports/telemetry.js';

// Buckets in seconds: RPCs and store calls from a millisecond to a minute (waiting calls are long).
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const NODE_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

/** The execution status an event moves an execution to, if it is a state change. */
const STATE_OF: Partial<Record<ExecutionEvent['type'], string>> = {
  execution_started: 'running',
  execution_suspended: 'suspended',
  execution_resumed: 'running',
  execution_completed: 'completed',
  execution_failed: 'failed',
  execution_cancelled: 'cancelled',
};

/**
 * The service's Prometheus metrics (prom-client), in a registry of their own: RPC latency by method
 * and code, execution state changes by status, node runs and their durations by type, wake-up lag,
 * recovery actions and lease take-overs, store call latency and failures, open watch streams, and
 * Node's default process metrics (event-loop lag among them), all prefixed `prana_`.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  private readonly rpc = new Histogram({
    name: 'prana_rpc_duration_seconds',
    help: 'gRPC calls by full method name and status code, from the first metadata to the status.',
    labelNames: ['method', 'code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly executions = new Counter({
    name: 'prana_execution_state_changes_total',
    help: 'Executions entering a status (running, suspended, completed, failed, cancelled), as the engine produced the change.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly nodeRuns = new Counter({
    name: 'prana_node_runs_total',
    help: 'Node runs by node type and outcome (completed, failed, suspended, retry_scheduled).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly nodeDuration = new Histogram({
    name: 'prana_node_run_duration_seconds',
    help: 'Duration of completed node runs by node type.',
    labelNames: ['type'] as const,
    buckets: NODE_BUCKETS,
    registers: [this.registry],
  });
  private readonly wakeLag = new Histogram({
    name: 'prana_timer_fire_lag_seconds',
    help: 'How long after its due time a wake-up (wait, retry back-off, deadline) ran.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly recoveries = new Counter({
    name: 'prana_recovery_actions_total',
    help: 'Stored executions this replica acted on: start (never started), wake (due wake-up), take_over (a lapsed lease).',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  private readonly ticks = new Counter({
    name: 'prana_schedule_ticks_total',
    help: 'Schedule ticks this replica decided: started, skipped (overlap policy), missed (beyond the catch-up window), failed (start refused).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly tickLag = new Histogram({
    name: 'prana_schedule_tick_lag_seconds',
    help: 'How long after its fire time a schedule tick was decided.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 300, 3600],
    registers: [this.registry],
  });
  private readonly store = new Histogram({
    name: 'prana_store_call_duration_seconds',
    help: 'Store calls by store, method and outcome (ok or error).',
    labelNames: ['store', 'method', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private openStreams: () => number = () => 0;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'prana_' });
    const read = (): number => this.openStreams();
    new Gauge({
      name: 'prana_open_streams',
      help: 'Open RunExecution and WatchExecution streams.',
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** The runtime's reports, counted. */
  readonly telemetry: Telemetry = {
    event: (event) => {
      const status = STATE_OF[event.type];
      if (status !== undefined) this.executions.inc({ status });
      switch (event.type) {
        case 'node_completed':
          this.nodeRuns.inc({ type: event.nodeType, outcome: 'completed' });
          this.nodeDuration.observe({ type: event.nodeType }, event.durationMs / 1000);
          return;
        case 'node_failed':
          this.nodeRuns.inc({ type: event.nodeType, outcome: 'failed' });
          return;
        case 'node_suspended':
          this.nodeRuns.inc({ type: event.nodeType, outcome: 'suspended' });
          return;
        case 'node_retry_scheduled':
          this.nodeRuns.inc({ type: event.nodeType, outcome: 'retry_scheduled' });
          return;
        default:
          return;
      }
    },
    wakeFired: (lagMs) => this.wakeLag.observe(Math.max(0, lagMs) / 1000),
    recovery: (action: RecoveryAction) => this.recoveries.inc({ action }),
    tick: (result, lagMs) => {
      this.ticks.inc({ result });
      this.tickLag.observe(Math.max(0, lagMs) / 1000);
    },
  };

  /** One finished RPC. */
  observeRpc(method: string, code: string, seconds: number): void {
    this.rpc.observe({ method, code }, seconds);
  }

  /** One store call (see timed-store.ts). */
  readonly observeStore = (store: string, method: string, seconds: number, failed: boolean): void => {
    this.store.observe({ store, method, outcome: failed ? 'error' : 'ok' }, seconds);
  };

  /** Where the open stream count is read at each scrape. */
  countStreams(read: () => number): void {
    this.openStreams = read;
  }
}
