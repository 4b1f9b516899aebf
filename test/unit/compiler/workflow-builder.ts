import type { Json } from '../../../src/domain/json.js';
import type { ConnectionDefinition, NodeDefinition, NodeSettingsDefinition, WorkflowDefinition } from '../../../src/domain/workflow.js';

/** A node definition; params and settings only when given. */
export function node(key: string, type: string, params?: Json, settings?: NodeSettingsDefinition): NodeDefinition {
  return { key, type, ...(params === undefined ? {} : { params }), ...(settings === undefined ? {} : { settings }) };
}

/** A connection written `from[.port] -> to[.port]`; ports left out stay absent (they default to main). */
export function conn(text: string): ConnectionDefinition {
  const [from, to] = text.split('->').map((s) => s.trim()) as [string, string];
  const [fromKey, fromPort] = from.split('.') as [string, string | undefined];
  const [toKey, toPort] = to.split('.') as [string, string | undefined];
  return { from: fromKey, to: toKey, ...(fromPort === undefined ? {} : { fromPort }), ...(toPort === undefined ? {} : { toPort }) };
}

/** A workflow with id "wf" and name "Test" unless overridden; connections as `conn` text. */
export function workflow(nodes: NodeDefinition[], connections: string[] = [], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { id: 'wf', name: 'Test', nodes, connections: connections.map(conn), ...extra };
}
