import type { Json } from '../../domain/json.js';
import { ownProperty } from '../../domain/json.js';
import { complete, fail, type Outcome } from '../../domain/outcome.js';
import type { TaskResult } from '../../domain/resumption.js';
import { defineNode } from '../kit/define-node.js';
import { isPortName } from '../kit/port-name.js';
import type { FieldErrors } from '../kit/schema.js';
import { unexpectedResumption } from './unexpected-resumption.js';

const OUTPUT_PORTS_MESSAGE = 'must be a literal list of port names';
const OUTPUT_PORTS_PATH = 'params.output_ports';

/** The extra ports of a valid `output_ports` value, without duplicates; null when the value breaks the rule. */
function extraPorts(value: Json | undefined): readonly string[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return null;
  const ports: string[] = [];
  for (const port of value as readonly Json[]) {
    if (typeof port !== 'string' || !isPortName(port) || port === 'error' || port === 'main') return null;
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/**
 * `task.external`: hands work to an external worker and suspends until the task
 * is completed, failed, or times out. Extra output ports come from the literal `output_ports` list.
 */
export const taskExternalNode = defineNode({
  type: 'task.external',
  description: 'Hands a task to external workers (PollTasks) and waits until one completes or fails it, or it times out.',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  dynamicPorts: true,
  defaultPort: 'main',
  sideEffects: true,
  schema: {
    fields: {
      task_type: {
        type: 'string',
        required: true,
        minLength: 1,
        maxLength: 128,
        pattern: { regex: /^[A-Za-z0-9_.:-]+$/, rule: '[A-Za-z0-9_.:-]' },
      },
      input: { type: 'any' },
      // compileChecks also rejects a templated list; the compiler merges identical messages per path.
      output_ports: { type: 'array', default: [], check: (ports) => (extraPorts(ports) === null ? OUTPUT_PORTS_MESSAGE : null) },
      timeout_ms: { type: 'integer', default: 3_600_000, min: 1, max: 2_592_000_000 },
    },
  },
  literalOutputPorts: (params, templated) => {
    if (templated.has('output_ports')) return null;
    const ports = extraPorts(ownProperty(params, 'output_ports'));
    return ports === null ? null : ['main', ...ports];
  },
  compileChecks: (params, templated) => {
    const fieldErrors: FieldErrors = {};
    if (templated.has('output_ports') || extraPorts(ownProperty(params, 'output_ports')) === null) {
      fieldErrors[OUTPUT_PORTS_PATH] = [OUTPUT_PORTS_MESSAGE];
    }
    return { fieldErrors, findings: [] };
  },
  execute: (params, ctx) => {
    const outputPorts = extraPorts(ownProperty(params, 'output_ports')) ?? [];
    const timeoutMs = params.timeout_ms as number;
    const input = ownProperty(params, 'input') ?? ownProperty(ctx.input, 'main') ?? null;
    return {
      kind: 'suspend',
      suspension: {
        kind: 'task',
        taskId: ctx.services.taskId(ctx.executionId, ctx.nodeKey, ctx.runIndex, ctx.attempt),
        taskType: params.task_type as string,
        timeoutAt: ctx.now + timeoutMs,
        timeoutMs,
        outputPorts,
        input,
      },
    };
  },
  resume: (params, ctx, resumption) => {
    switch (resumption.reason) {
      case 'task':
        return taskOutcome(resumption.result);
      case 'deadline': {
        const timeoutMs = ctx.suspension?.kind === 'task' ? ctx.suspension.timeoutMs : (params.timeout_ms as number);
        return fail('task_timeout', `External task timed out after ${timeoutMs} ms`);
      }
      case 'resume':
      case 'timer':
      case 'sub_workflow':
        throw unexpectedResumption('task.external', resumption.reason);
    }
  },
});

/**
 * How a finished task ends the node: a completion on the worker's port (`main` when empty), or a node
 * error with the worker's code (default `task_failed`), message and details.
 */
function taskOutcome(result: TaskResult): Outcome {
  switch (result.kind) {
    case 'completed':
      return complete(result.output, result.port === '' ? 'main' : result.port);
    case 'failed': {
      const code = result.error.code === '' ? 'task_failed' : result.error.code;
      const message = result.error.message === '' ? 'External task failed' : result.error.message;
      return fail(code, message, result.error.details);
    }
  }
}
