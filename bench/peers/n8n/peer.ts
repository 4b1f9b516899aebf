// Runs n8n's engine (WorkflowExecute from n8n-core) on Prana's benchmark shapes, in this process,
// installing it on demand. Prints nothing; the caller prints the table.
import { loadN8n, type N8nAdditionalData, type N8nEngine, type N8nRun, type N8nWorkflow, type N8nWorkflowData } from './api.js';
import { installN8n } from './install.js';
import { benchNodeTypes, chainDefinition, lastNodeName } from './shape.js';

/** A benchmark shape n8n runs: a start node followed by `nodes - 1` chained trivial nodes. */
export interface PeerShape {
  readonly kind: 'chain';
  readonly nodes: number;
  readonly expressionPerNode: boolean;
}

/** What the peer measured: median executions/s, one execution's run data size, each round, n8n-core version. */
export interface PeerResult {
  readonly executionsPerSecond: number;
  readonly runDataBytes: number;
  readonly rounds: number[];
  readonly version: string;
}

const MODE = 'trigger';
const BASE = 'http://localhost:5678';

let engine: N8nEngine | null = null;

/** n8n's engine ready to run one shape: single timed rounds, so a caller can interleave them with its own. */
export interface PreparedPeer {
  readonly version: string;
  /** One execution's run data, in bytes. */
  readonly runDataBytes: number;
  /** Runs executions for `ms` (warm-up: the figure is thrown away) and returns executions per second. */
  round(ms: number): Promise<number>;
}

/** Installs (on demand) and prepares n8n's WorkflowExecute on `shape`, checking one execution's result. */
export async function prepareN8nPeer(shape: PeerShape): Promise<PreparedPeer> {
  engine ??= loadN8n(await installN8n());
  const n8n = engine;
  const definition = chainDefinition(shape.nodes, shape.expressionPerNode);
  const workflowData: N8nWorkflowData = { id: 'prana-bench', name: 'prana benchmark chain', active: false, settings: { executionOrder: 'v1' }, ...definition };
  // Built once and reused, like Prana's compiled graph: the engine alone is measured, not workflow loading.
  const workflow = new n8n.workflow.Workflow({ ...workflowData, nodeTypes: benchNodeTypes });
  let sequence = 0;
  const execute = async (): Promise<N8nRun> => {
    const run = await runOnce(n8n, workflow, workflowData, `bench-${sequence++}`);
    if (run.status !== 'success') throw new Error(`n8n peer: execution ended ${run.status}: ${run.data.resultData.error?.message ?? 'no error recorded'}`);
    return run;
  };
  const first = await execute();
  checkResult(first, shape);
  return {
    version: n8n.version,
    runDataBytes: Buffer.byteLength(JSON.stringify(first.data), 'utf8'),
    round: async (ms) => {
      let count = 0;
      const start = performance.now();
      const end = start + ms;
      let now = start;
      while (now < end) {
        await execute();
        count++;
        now = performance.now();
      }
      await new Promise((resolve) => setImmediate(resolve));
      return (count / (now - start)) * 1000;
    },
  };
}

/** Measures n8n's WorkflowExecute on `shape` alone: warm-up, then `rounds` timed rounds of `roundMs` (median reported). */
export async function runN8nPeer(shape: PeerShape, options: { warmupMs: number; roundMs: number; rounds: number }): Promise<PeerResult> {
  const peer = await prepareN8nPeer(shape);
  await peer.round(options.warmupMs);
  const rounds: number[] = [];
  for (let r = 0; r < options.rounds; r++) rounds.push(await peer.round(options.roundMs));
  return { executionsPerSecond: median(rounds), runDataBytes: peer.runDataBytes, rounds, version: peer.version };
}

/** One execution to completion: fresh lifecycle hooks (no handlers), additional data and WorkflowExecute. */
function runOnce(n8n: N8nEngine, workflow: N8nWorkflow, workflowData: N8nWorkflowData, executionId: string): Promise<N8nRun> {
  const additionalData: N8nAdditionalData = {
    hooks: new n8n.core.ExecutionLifecycleHooks(MODE, executionId, workflowData),
    executionId,
    currentNodeExecutionIndex: 0,
    restApiUrl: `${BASE}/rest`,
    instanceBaseUrl: `${BASE}/`,
    formBaseUrl: `${BASE}/form`,
    formWaitingBaseUrl: `${BASE}/form-waiting`,
    formTestBaseUrl: `${BASE}/form-test`,
    webhookBaseUrl: `${BASE}/webhook`,
    webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
    webhookTestBaseUrl: `${BASE}/webhook-test`,
    mcpBaseUrl: `${BASE}/mcp`,
    mcpTestBaseUrl: `${BASE}/mcp-test`,
    variables: {},
  };
  const startNode = workflow.getNode('start');
  if (startNode === null) throw new Error('n8n peer: the workflow has no start node');
  return Promise.resolve(new n8n.core.WorkflowExecute(additionalData, MODE).run({ workflow, startNode }));
}

/** Checks that every node ran once and the last one produced { v: nodes - 1 }. */
function checkResult(run: N8nRun, shape: PeerShape): void {
  const runData = run.data.resultData.runData;
  const ran = Object.keys(runData).length;
  const last = runData[lastNodeName(shape.nodes)]?.[0]?.data?.main[0]?.[0]?.json.v;
  if (ran !== shape.nodes || last !== shape.nodes - 1) {
    throw new Error(`n8n peer: unexpected result: ${ran} of ${shape.nodes} nodes ran, last v = ${String(last)} (expected ${shape.nodes - 1})`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
