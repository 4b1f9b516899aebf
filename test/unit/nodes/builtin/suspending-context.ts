import type { JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import type { Suspension, SuspensionRequest } from '../../../../src/domain/suspension.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits, type NodeLogRecord, type NodeServices } from '../../../../src/nodes/kit/node-services.js';
import type { ContextSnapshot, NodeRunContext, PrepareContext } from '../../../../src/nodes/kit/node-type.js';

/** The fixed clock of these tests: 2025-01-31T12:00:00.000Z. */
export const NOW = Date.UTC(2025, 0, 31, 12, 0, 0);

/** Options for the fixture services. */
export interface ServiceOptions {
  /** Graph ids that exist; anything else is "not found". */
  readonly graphs?: readonly string[];
  /** Answer graphExists asynchronously, as a store would. */
  readonly asyncGraphs?: boolean;
  readonly limits?: Partial<NodeLimits>;
}

/** Real services with readable deterministic ids: `child:<parent>:<node>:<run>:<attempt>:<item>`, `task:<exec>:<node>:<run>:<attempt>`. */
export function testServices(options: ServiceOptions = {}): NodeServices & { readonly logs: NodeLogRecord[] } {
  const graphs = new Set(options.graphs ?? []);
  const logs: NodeLogRecord[] = [];
  return {
    logs,
    log: (record) => {
      logs.push(record);
    },
    outbound: { allows: () => false, allowsAddress: () => false },
    limits: { ...DEFAULT_NODE_LIMITS, ...options.limits },
    graphExists: (id) => (options.asyncGraphs === true ? Promise.resolve(graphs.has(id)) : graphs.has(id)),
    childExecutionId: (parent, node, run, attempt, item) => `child:${parent}:${node}:${run}:${attempt}:${item}`,
    taskId: (execution, node, run, attempt) => `task:${execution}:${node}:${run}:${attempt}`,
  };
}

/** Overrides for a run context; `suspension` may be given as a bare request and gets an identity. */
export interface ContextOptions extends Partial<Omit<NodeRunContext, 'suspension' | 'snapshot'>> {
  readonly suspension?: SuspensionRequest | null;
}

/** A run context for node `node` of execution `exec-1`, run 0, attempt 0, at NOW, depth 0. */
export function runContext(options: ContextOptions = {}): NodeRunContext {
  const { suspension, ...rest } = options;
  const base = {
    executionId: 'exec-1',
    workflowId: 'wf-1',
    graphId: 'graph-1',
    nodeKey: 'node',
    nodeType: 'test.type',
    runIndex: 0,
    executionIndex: 1,
    attempt: 0,
    loopback: false,
    runKey: 'exec-1:node:0',
    input: {} as JsonObject,
    nodeContext: {} as JsonObject,
    connectedPorts: new Set<string>(['main']) as ReadonlySet<string>,
    now: NOW,
    depth: 0,
    services: testServices(),
    ...rest,
  };
  const full: Suspension | null =
    suspension === undefined || suspension === null
      ? null
      : {
          ...suspension,
          nodeKey: base.nodeKey,
          runIndex: base.runIndex,
          executionIndex: base.executionIndex,
          suspendedAt: base.now,
          resumeToken: `token:${base.nodeKey}:${suspension.kind}`,
        };
  return {
    ...base,
    suspension: full,
    snapshot: (): ContextSnapshot => ({
      input: base.input,
      nodes: {},
      env: {},
      vars: {},
      workflow: {},
      execution: {},
      now: new Date(base.now).toISOString(),
    }),
  };
}

/** A prepare context whose tokens read `token:<node>:<kind>`. */
export function prepareContext(nodeKey = 'node'): PrepareContext {
  return { executionId: 'exec-1', nodeKey, resumeTokenFor: (kind) => `token:${nodeKey}:${kind}` };
}

/** The suspension request of a suspend outcome; throws for any other outcome so tests fail loudly. */
export function suspensionOf(outcome: Outcome): SuspensionRequest {
  if (outcome.kind !== 'suspend') throw new Error(`expected a suspension, got ${JSON.stringify(outcome)}`);
  return outcome.suspension;
}
