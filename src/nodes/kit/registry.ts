import type { NodeType } from './node-type.js';

/** The node types a service knows, by type name. */
export type NodeRegistry = ReadonlyMap<string, NodeType>;

/** Builds a registry from a list of node types; a duplicate type name is a programming error. */
export function createRegistry(types: readonly NodeType[]): NodeRegistry {
  const map = new Map<string, NodeType>();
  for (const t of types) {
    if (map.has(t.type)) throw new Error(`duplicate node type: ${t.type}`);
    map.set(t.type, t);
  }
  return map;
}
