import type { JsonObject } from '../../domain/json.js';
import { complete, fail, type Outcome } from '../../domain/outcome.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits } from '../kit/node-services.js';
import type { NodeCheck, NodeRunContext, NodeType } from '../kit/node-type.js';
import type { FieldErrors, ParamSchema } from '../kit/schema.js';
import { effectiveMemoryLimit, type SandboxResult } from './code/run-in-sandbox.js';
import type { SandboxJob } from './code/sandbox-protocol.js';
import { codeSandboxPool } from './code/shared-sandbox-pool.js';
import { findSyntaxProblem, syntaxProblemMessage } from './code/syntax-check.js';

function mebibytes(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toFixed(2)));
}

function interpret(result: SandboxResult, timeoutMs: number, memoryBytes: number): Outcome {
  switch (result.kind) {
    case 'ok':
      return complete(result.value);
    case 'thrown':
      return fail('code_error', `${result.name}: ${result.message}`, { name: result.name, message: result.message, stack: result.stack });
    case 'no_run':
      return fail('code_error', 'code does not define a function named run');
    case 'not_json':
      return fail('code_error', `run() returned a value that is not JSON-compatible: ${result.reason}`);
    case 'timeout':
      return fail('code_timeout', `Code execution timed out after ${timeoutMs} ms`);
    case 'memory':
      return fail('code_memory_limit', `Code execution exceeded the memory limit of ${mebibytes(memoryBytes)} MiB`);
  }
}

function compileChecks(params: JsonObject, templated: ReadonlySet<string>): { fieldErrors: FieldErrors; findings: readonly NodeCheck[] } {
  const code = params.code;
  if (typeof code !== 'string' || templated.has('code')) return { fieldErrors: {}, findings: [] };
  const problem = findSyntaxProblem(code);
  if (problem === null) return { fieldErrors: {}, findings: [] };
  return { fieldErrors: {}, findings: [{ code: 'code_syntax_error', severity: 'error', paramPath: 'params.code', message: syntaxProblemMessage(problem) }] };
}

/**
 * Runs one attempt in a fresh sandbox on a worker thread of the shared pool, so
 * the event loop stays free while the script runs. `run` gets deep copies of `$input` and of
 * `{nodes, vars, env, execution, workflow, now}`, passed in as JSON text. Memory comes from the
 * service limits (at least 1 MiB); a `timeout_ms` above the service maximum is refused like a schema
 * failure. Console records come back from the worker and go to the service log. When
 * `context.signal` is already aborted the attempt rejects with its reason; a started run is bounded
 * by its timeout instead. A fault of the sandbox itself (not of the code) rejects.
 */
async function execute(params: JsonObject, context: NodeRunContext): Promise<Outcome> {
  const limits = context.services.limits;
  const timeoutMs = typeof params.timeout_ms === 'number' ? params.timeout_ms : limits.codeDefaultTimeoutMs;
  if (timeoutMs > limits.codeMaxTimeoutMs) {
    return fail('invalid_params', 'Parameter validation failed', { errors: { 'params.timeout_ms': [`must be at most ${limits.codeMaxTimeoutMs}`] } });
  }
  const memoryBytes = effectiveMemoryLimit(limits.codeMemoryBytes);
  context.signal?.throwIfAborted();
  const snapshot = context.snapshot();
  const pool = codeSandboxPool({ workers: limits.codeWorkers, memoryBytes });
  const job: SandboxJob = {
    code: params.code as string,
    inputJson: JSON.stringify(context.input),
    contextJson: JSON.stringify({
      nodes: snapshot.nodes,
      vars: snapshot.vars,
      env: snapshot.env,
      execution: snapshot.execution,
      workflow: snapshot.workflow,
      now: snapshot.now,
    }),
    timeoutMs,
    memoryBytes,
    logFields: { execution_id: context.executionId, node: context.nodeKey },
  };
  const end = await pool.run(job, (record) => context.services.log(record));
  if (end.kind === 'failed') throw end.error;
  return interpret(end.result, timeoutMs, memoryBytes);
}

/**
 * Builds `code.javascript` with the service's code limits: they set the default and the maximum of
 * `timeout_ms`, which the compiler checks on literal params (check 11).
 */
export function createCodeJavascriptNode(limits: Pick<NodeLimits, 'codeDefaultTimeoutMs' | 'codeMaxTimeoutMs'>): NodeType {
  const schema: ParamSchema = {
    fields: {
      code: { type: 'string', required: true },
      timeout_ms: { type: 'integer', min: 1, max: limits.codeMaxTimeoutMs, default: limits.codeDefaultTimeoutMs },
    },
  };
  return Object.freeze({
    type: 'code.javascript',
    description: 'Runs user JavaScript in a QuickJS sandbox with time and memory limits; its return value is the output.',
    trigger: false,
    inputPorts: ['main'],
    outputPorts: ['main'],
    dynamicPorts: false,
    defaultPort: 'main',
    schema,
    rawParams: new Set(['code']),
    firstRunOnlyParams: new Set<string>(),
    sideEffects: false,
    compileChecks,
    execute,
  });
}

/** `code.javascript` with the default limits of the execution semantics: user JavaScript in a QuickJS sandbox. */
export const codeJavascriptNode: NodeType = createCodeJavascriptNode(DEFAULT_NODE_LIMITS);
