import type { JsonObject } from '../../src/domain/json.js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import { Workflow } from '../../src/gen/prana/v1/workflow.js';

/** A benchmark workflow (nodes with params, plain connections) as the contract's Workflow message. */
export function encodeWorkflowDefinition(definition: WorkflowDefinition): Workflow {
  return Workflow.fromPartial({
    id: definition.id,
    name: definition.name,
    nodes: definition.nodes.map((node) => ({ key: node.key, type: node.type, params: (node.params ?? {}) as JsonObject })),
    connections: definition.connections.map((c) => ({ fromNode: c.from, fromPort: c.fromPort ?? '', toNode: c.to, toPort: c.toPort ?? '' })),
  });
}
