// Writes docs/node-catalog.md from the catalog the service answers ListNodeTypes with:
// `npm run docs:catalog`. A test fails when the committed document and the catalog differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeCatalog, type NodeTypeInfo } from '../src/app/node-catalog.js';
import { nodeSettingsJsonSchema } from '../src/compiler/node-settings-schema.js';
import type { Json, JsonObject } from '../src/domain/json.js';
import { builtinRegistry } from '../src/nodes/builtin/catalog.js';

/** Where the document lives, from the repository root. */
export const NODE_CATALOG_DOC = 'docs/node-catalog.md';

/** The node catalog document, in Markdown. */
export function renderNodeCatalog(): string {
  const catalog = nodeCatalog(builtinRegistry());
  const lines = [
    '# Node catalog',
    '',
    '<!-- Generated from the node types by `npm run docs:catalog`; do not edit by hand. -->',
    '',
    'Every node type a workflow may use. The same descriptions, with params and settings as JSON Schema',
    '(draft 2020-12), are served by `WorkflowService/ListNodeTypes` and `GetNodeType`. Param values may be',
    '`{{ }}` templates; the constraints below apply to the rendered value.',
    '',
    '| type | what it does |',
    '|---|---|',
    ...catalog.map((info) => `| [\`${info.type}\`](#${anchor(info.type)}) | ${info.description} |`),
    '',
    '## Settings of every node',
    '',
    "Given in a node's `settings`: what happens after a final error, and retries.",
    '',
    ...fieldTable(nodeSettingsJsonSchema()),
    '',
  ];
  for (const info of catalog) lines.push(...section(info));
  return `${lines.join('\n').trimEnd()}\n`;
}

function section(info: NodeTypeInfo): string[] {
  const ports = (list: readonly string[]): string => (list.length === 0 ? 'none' : list.map((port) => `\`${port}\``).join(', '));
  return [
    `## \`${info.type}\``,
    '',
    info.description,
    '',
    `- ${info.trigger ? 'Trigger: starts executions, no input ports' : `Input ports: ${ports(info.inputPorts)}`}`,
    `- Output ports: ${ports(info.outputPorts)}${info.dynamicPorts ? ', and more named by its params' : ''}`,
    `- Default port: ${info.defaultPort === null ? 'none' : `\`${info.defaultPort}\``}`,
    `- Side effects: ${info.sideEffects ? 'yes (reaches the outside world; a retried run carries the same idempotency key)' : 'no'}`,
    '',
    ...fieldTable(info.paramsSchema),
    '',
  ];
}

/** A table of an object schema's fields (nested objects as dotted paths). */
function fieldTable(schema: JsonObject): string[] {
  const rows = fieldRows(schema, '');
  if (rows.length === 0) return ['No params.'];
  return ['| param | type | required | default | rules |', '|---|---|---|---|---|', ...rows];
}

function fieldRows(schema: JsonObject, prefix: string): string[] {
  const properties = (schema.properties ?? {}) as JsonObject;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: string[] = [];
  for (const [name, field] of Object.entries(properties) as [string, JsonObject][]) {
    const path = `${prefix}${name}`;
    const type = typeof field.type === 'string' ? field.type : 'any';
    const fallback = field.default === undefined ? '' : `\`${JSON.stringify(field.default)}\``;
    rows.push(`| \`${path}\` | ${type} | ${required.has(name) ? 'yes' : ''} | ${escape(fallback)} | ${escape(rulesOf(field))} |`);
    if (field.properties !== undefined) rows.push(...fieldRows(field, `${path}.`));
  }
  return rows;
}

function rulesOf(field: JsonObject): string {
  const rules: string[] = [];
  const value = (key: string): Json | undefined => field[key];
  if (Array.isArray(value('enum'))) rules.push(`one of ${(value('enum') as string[]).map((v) => `\`${v}\``).join(', ')}`);
  if (value('minimum') !== undefined) rules.push(`≥ ${String(value('minimum'))}`);
  if (value('maximum') !== undefined) rules.push(`≤ ${String(value('maximum'))}`);
  if (value('minLength') !== undefined) rules.push(`at least ${String(value('minLength'))} characters`);
  if (value('maxLength') !== undefined) rules.push(`at most ${String(value('maxLength'))} characters`);
  if (typeof value('description') === 'string') rules.push(value('description') as string);
  const items = value('items') as JsonObject | undefined;
  if (items !== undefined && typeof items.type === 'string') rules.push(`items: ${items.type}`);
  return rules.join('; ');
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function anchor(type: string): string {
  return type.replace(/[^a-z0-9_ -]/g, '').replace(/ /g, '-');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(NODE_CATALOG_DOC, renderNodeCatalog());
  process.stdout.write(`wrote ${NODE_CATALOG_DOC}\n`);
}
