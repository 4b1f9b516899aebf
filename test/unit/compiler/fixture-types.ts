import { complete } from '../../../src/domain/outcome.js';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import { isJsonObject } from '../../../src/domain/json.js';
import { isTemplate } from '../../../src/expressions/index.js';
import { defineNode } from '../../../src/nodes/kit/define-node.js';
import type { NodeType } from '../../../src/nodes/kit/node-type.js';
import { createRegistry, type NodeRegistry } from '../../../src/nodes/kit/registry.js';
import type { FieldErrors } from '../../../src/nodes/kit/schema.js';

const done = () => complete({});

/** A manual-style trigger: closed schema with no params. */
export const triggerType = defineNode({
  type: 'test.trigger',
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {} },
  execute: done,
});

/** A webhook-style trigger with an open schema. */
export const hookType = defineNode({
  type: 'test.hook',
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {}, open: true },
  execute: done,
});

/** A plain action: main -> main, a few typed params. */
export const actionType = defineNode({
  type: 'test.action',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      value: { type: 'any' },
      count: { type: 'integer', default: 1, min: 1, max: 10 },
      mode: { type: 'enum', values: ['a', 'b'], default: 'a' },
      url: { type: 'string' },
    },
  },
  execute: done,
});

/** An action with a required param. */
export const requiredType = defineNode({
  type: 'test.required',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main', 'timeout'],
  defaultPort: 'main',
  schema: { fields: { url: { type: 'string', required: true, minLength: 1 } } },
  execute: done,
});

/** An IF: main -> true/false, no default port. */
export const ifType = defineNode({
  type: 'test.if',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['true', 'false'],
  defaultPort: null,
  schema: { fields: { condition: { type: 'boolean', required: true } } },
  execute: done,
});

function literalCasePorts(cases: Json | undefined): readonly string[] | null {
  if (!Array.isArray(cases)) return null;
  const ports: string[] = [];
  for (const c of cases as readonly Json[]) {
    if (!isJsonObject(c) || typeof c.port !== 'string' || isTemplate(c.port)) return null;
    ports.push(c.port);
  }
  return ports;
}

/** A switch whose output ports come from its cases. */
export const switchType = defineNode({
  type: 'test.switch',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: [],
  dynamicPorts: true,
  defaultPort: null,
  schema: {
    fields: {
      cases: {
        type: 'array',
        required: true,
        items: { type: 'object', required: true, fields: { condition: { type: 'boolean', required: true }, port: { type: 'string', required: true } } },
      },
    },
  },
  literalOutputPorts: (params) => literalCasePorts(params.cases),
  execute: done,
});

/** A two-port merge. */
export const mergeType = defineNode({
  type: 'test.merge',
  trigger: false,
  inputPorts: ['input_a', 'input_b'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: { strategy: { type: 'enum', values: ['append', 'merge', 'concat'], default: 'append' } } },
  execute: done,
});

/** Named like the real for_each: check 21 is about this type name. */
export const forEachType = defineNode({
  type: 'core.for_each',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['loop', 'done'],
  defaultPort: null,
  firstRunOnlyParams: new Set(['collection']),
  schema: { fields: { collection: { type: 'any', required: true }, mode: { type: 'enum', values: ['single', 'batch'], required: true } } },
  execute: done,
});

/** Named like the real execute_workflow: checks 24 and referencedGraphIds are about this type name. */
export const executeWorkflowType = defineNode({
  type: 'workflow.execute_workflow',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: { workflow_id: { type: 'string', required: true, minLength: 1 } } },
  execute: done,
});

/** A code node: raw `code`, and a compile check that rejects the text `@@` as a syntax error. */
export const codeType = defineNode({
  type: 'test.code',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  rawParams: new Set(['code']),
  schema: { fields: { code: { type: 'string', required: true } } },
  compileChecks: (params: JsonObject) => {
    const code = params.code;
    const findings =
      typeof code === 'string' && code.includes('@@')
        ? [{ code: 'code_syntax_error', severity: 'error' as const, paramPath: 'params.code', message: 'Unexpected token (1:0)' }]
        : [];
    return { fieldErrors: {}, findings };
  },
  execute: done,
});

/** A type whose compile checks add a field error: `ports` must be a literal list. */
export const portsType = defineNode({
  type: 'test.ports',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  dynamicPorts: true,
  defaultPort: 'main',
  schema: { fields: { ports: { type: 'array', default: [] } } },
  literalOutputPorts: (params, templated) => (templated.has('ports') || !Array.isArray(params.ports) ? null : ['main', ...(params.ports as string[])]),
  compileChecks: (_params, templated) => {
    const fieldErrors: FieldErrors = templated.has('ports') ? { 'params.ports': ['must be a literal list of port names'] } : {};
    return { fieldErrors, findings: [] };
  },
  execute: done,
});

/** Every fixture type. */
export const FIXTURE_TYPES: readonly NodeType[] = [
  triggerType,
  hookType,
  actionType,
  requiredType,
  ifType,
  switchType,
  mergeType,
  forEachType,
  executeWorkflowType,
  codeType,
  portsType,
];

/** A registry of every fixture type. */
export const fixtureRegistry: NodeRegistry = createRegistry(FIXTURE_TYPES);
