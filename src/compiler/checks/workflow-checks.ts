import { isJsonObject } from '../../domain/json.js';
import type { WorkflowDefinition } from '../../domain/workflow.js';
import { finding, type Finding } from '../finding.js';
import type { CompilerLimits } from '../options.js';

/** Position of findings about the workflow as a whole: before every node and connection. */
const WORKFLOW = -1;

/** Check 1 (`invalid_workflow`): id, version, variables and a non-empty node list. */
export function checkWorkflowShape(definition: WorkflowDefinition): Finding[] {
  const findings: Finding[] = [];
  const invalid = (paramPath: string, message: string): void => {
    findings.push(finding(WORKFLOW, { code: 'invalid_workflow', severity: 'error', paramPath, message }));
  };
  if (typeof definition.id !== 'string' || definition.id === '') invalid('id', 'workflow id is required');
  const version = definition.version;
  if (version !== undefined && version !== null && !(Number.isInteger(version) && version >= 1)) {
    invalid('version', 'version must be an integer of at least 1');
  }
  const variables = definition.variables;
  if (variables !== undefined && variables !== null && !isJsonObject(variables)) invalid('variables', 'variables must be an object');
  if (!Array.isArray(definition.nodes) || definition.nodes.length === 0) invalid('nodes', 'a workflow needs at least one node');
  return findings;
}

/** Check 2 (`workflow_too_large`): node and connection counts against the service limits. */
export function checkWorkflowSize(nodeCount: number, connectionCount: number, limits: CompilerLimits): Finding[] {
  const findings: Finding[] = [];
  if (nodeCount > limits.maxNodes) {
    findings.push(
      finding(WORKFLOW, {
        code: 'workflow_too_large',
        severity: 'error',
        paramPath: 'nodes',
        message: `workflow has ${nodeCount} nodes; the maximum is ${limits.maxNodes}`,
      }),
    );
  }
  if (connectionCount > limits.maxConnections) {
    findings.push(
      finding(WORKFLOW, {
        code: 'workflow_too_large',
        severity: 'error',
        paramPath: 'connections',
        message: `workflow has ${connectionCount} connections; the maximum is ${limits.maxConnections}`,
      }),
    );
  }
  return findings;
}

/** Check 3 (`invalid_workflow_settings`): `settings.max_loop_iterations` from 1 to the ceiling. */
export function checkWorkflowSettings(definition: WorkflowDefinition, limits: CompilerLimits): Finding[] {
  const value = definition.settings?.maxLoopIterations;
  if (value === undefined || value === null) return [];
  if (Number.isInteger(value) && value >= 1 && value <= limits.maxLoopIterationsCeiling) return [];
  return [
    finding(WORKFLOW, {
      code: 'invalid_workflow_settings',
      severity: 'error',
      paramPath: 'settings.max_loop_iterations',
      message: `max_loop_iterations must be an integer from 1 to ${limits.maxLoopIterationsCeiling}`,
    }),
  ];
}
