import { didYouMean } from '../../domain/did-you-mean.js';
import type { NodeType } from '../../nodes/kit/node-type.js';
import type { NodeRegistry } from '../../nodes/kit/registry.js';
import { finding, type Finding } from '../finding.js';

/** Check 6 (`unknown_node_type`): the node's type must be in the catalog. */
export function checkNodeType(
  typeName: string,
  registry: NodeRegistry,
  position: number,
  nodeKey: string,
): { type: NodeType | undefined; findings: Finding[] } {
  const type = typeof typeName === 'string' ? registry.get(typeName) : undefined;
  if (type !== undefined) return { type, findings: [] };
  return {
    type: undefined,
    findings: [
      finding(position, {
        code: 'unknown_node_type',
        severity: 'error',
        nodeKey,
        message: `Unknown node type: ${String(typeName)}${didYouMean(String(typeName), [...registry.keys()])}`,
      }),
    ],
  };
}
