import type { NodeType } from './node-type.js';

type Optional = 'rawParams' | 'firstRunOnlyParams' | 'sideEffects' | 'dynamicPorts' | 'description';

const NONE: ReadonlySet<string> = new Set();

/** Fills the rarely used NodeType fields with their usual values and freezes the type. */
export function defineNode(spec: Omit<NodeType, Optional> & Partial<Pick<NodeType, Optional>>): NodeType {
  return Object.freeze({
    rawParams: NONE,
    firstRunOnlyParams: NONE,
    sideEffects: false,
    dynamicPorts: false,
    description: '',
    ...spec,
  });
}
