import type { JsonObject } from '../../../../src/domain/json.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits, type NodeLogRecord, type NodeServices, type OutboundPolicy } from '../../../../src/nodes/kit/node-services.js';
import type { ContextSnapshot, NodeRunContext } from '../../../../src/nodes/kit/node-type.js';

/** The fixed attempt time of these tests: 2025-01-31T12:00:00.000Z. */
export const TEST_NOW = Date.UTC(2025, 0, 31, 12, 0, 0);

/** An outbound policy that allows everything. */
export const ALLOW_ALL: OutboundPolicy = { allows: () => true, allowsAddress: () => true };

/** Options for {@link testRunContext}; everything has a plain default. */
export interface RunContextOptions {
  readonly input?: JsonObject;
  readonly connectedPorts?: readonly string[];
  readonly limits?: Partial<NodeLimits>;
  readonly outbound?: OutboundPolicy;
  readonly signal?: AbortSignal;
  readonly snapshot?: Partial<Omit<ContextSnapshot, 'input'>>;
  readonly runKey?: string;
}

/** A run context with real services, plus the log records the node wrote. */
export interface TestRun {
  readonly context: NodeRunContext;
  readonly services: NodeServices;
  readonly logs: NodeLogRecord[];
}

/** Builds a NodeRunContext for node `node` of execution `exec-1`, run 0, attempt 0, with real services. */
export function testRunContext(options: RunContextOptions = {}): TestRun {
  const logs: NodeLogRecord[] = [];
  const services: NodeServices = {
    log: (record) => {
      logs.push(record);
    },
    outbound: options.outbound ?? ALLOW_ALL,
    limits: { ...DEFAULT_NODE_LIMITS, ...options.limits },
    graphExists: () => false,
    childExecutionId: (parent, node, run, attempt, item) => `child:${parent}:${node}:${run}:${attempt}:${item}`,
    taskId: (execution, node, run, attempt) => `task:${execution}:${node}:${run}:${attempt}`,
  };
  const input = options.input ?? {};
  const snapshot: ContextSnapshot = {
    input,
    nodes: {},
    env: {},
    vars: {},
    workflow: { id: 'wf-1', version: 1 },
    execution: { id: 'exec-1', state: {}, attempt: 0 },
    now: new Date(TEST_NOW).toISOString(),
    ...options.snapshot,
  };
  const context: NodeRunContext = {
    executionId: 'exec-1',
    workflowId: 'wf-1',
    graphId: 'graph-1',
    nodeKey: 'node',
    nodeType: 'test.type',
    runIndex: 0,
    executionIndex: 1,
    attempt: 0,
    loopback: false,
    runKey: options.runKey ?? 'exec-1:node:0',
    input,
    nodeContext: {},
    connectedPorts: new Set(options.connectedPorts ?? ['main']),
    now: TEST_NOW,
    depth: 0,
    suspension: null,
    snapshot: () => snapshot,
    services,
    signal: options.signal,
  };
  return { context, services, logs };
}
