import type { NodeDefinition } from '../../domain/workflow.js';
import { finding, type Finding } from '../finding.js';
import { literalWorkflowId } from '../sub-workflow-refs.js';

/**
 * Check 24 (`sub_workflow_not_found`, warning): a literal `workflow_id` that names no stored graph.
 * Skipped when the caller passes no set of known graph ids.
 */
export function checkSubWorkflows(nodes: readonly NodeDefinition[], knownGraphIds: ReadonlySet<string> | undefined): Finding[] {
  if (knownGraphIds === undefined) return [];
  const findings: Finding[] = [];
  nodes.forEach((node, position) => {
    const id = literalWorkflowId(node);
    if (id === null || knownGraphIds.has(id)) return;
    findings.push(
      finding(position, {
        code: 'sub_workflow_not_found',
        severity: 'warning',
        nodeKey: node.key,
        paramPath: 'params.workflow_id',
        message: `no compiled graph has id ${JSON.stringify(id)}; it may be compiled later`,
      }),
    );
  });
  return findings;
}
