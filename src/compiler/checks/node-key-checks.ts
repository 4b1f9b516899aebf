import type { NodeDefinition } from '../../domain/workflow.js';
import { finding, type Finding } from '../finding.js';

/** A valid node key: 1 to 128 characters from [A-Za-z0-9_-]. */
const NODE_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/** True when the text is a valid node key. */
export function isNodeKey(text: string): boolean {
  return typeof text === 'string' && NODE_KEY.test(text);
}

/**
 * Checks 4 (`invalid_node_key`) and 5 (`duplicate_node_key`, reported on the later node).
 * Also returns, per node position, whether it is the first node with its key: later duplicates take
 * no part in connections or graph analysis.
 */
export function checkNodeKeys(nodes: readonly NodeDefinition[]): { findings: Finding[]; primary: boolean[] } {
  const findings: Finding[] = [];
  const primary: boolean[] = [];
  const seen = new Set<string>();
  nodes.forEach((node, position) => {
    const key = node.key;
    if (!isNodeKey(key)) {
      findings.push(
        finding(position, {
          code: 'invalid_node_key',
          severity: 'error',
          nodeKey: key,
          message: `node key ${JSON.stringify(key)} must be 1 to 128 characters from [A-Za-z0-9_-]`,
        }),
      );
    }
    if (seen.has(key)) {
      primary.push(false);
      findings.push(
        finding(position, {
          code: 'duplicate_node_key',
          severity: 'error',
          nodeKey: key,
          message: `node key ${JSON.stringify(key)} is already used by an earlier node`,
        }),
      );
    } else {
      seen.add(key);
      primary.push(true);
    }
  });
  return { findings, primary };
}
