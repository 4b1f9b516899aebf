import { isJsonObject, ownProperty } from '../domain/json.js';
import type { NodeDefinition, WorkflowDefinition } from '../domain/workflow.js';
import { isTemplate } from '../expressions/index.js';

/** The node type that starts sub-workflows by graph id. */
export const EXECUTE_WORKFLOW_TYPE = 'workflow.execute_workflow';

/** The literal `workflow_id` of a `workflow.execute_workflow` node, or null (absent, templated, not a string). */
export function literalWorkflowId(node: NodeDefinition): string | null {
  if (node.type !== EXECUTE_WORKFLOW_TYPE || !isJsonObject(node.params)) return null;
  const id = ownProperty(node.params, 'workflow_id');
  if (typeof id !== 'string' || id === '' || isTemplate(id)) return null;
  return id;
}

/**
 * The graph ids a workflow names literally in `workflow.execute_workflow` nodes, distinct, in
 * definition order: the service looks them up before compiling, for check 24.
 */
export function referencedGraphIds(definition: WorkflowDefinition): string[] {
  const ids = new Set<string>();
  if (!Array.isArray(definition.nodes)) return [];
  for (const node of definition.nodes) {
    const id = literalWorkflowId(node);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}
