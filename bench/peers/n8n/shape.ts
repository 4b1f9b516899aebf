// The benchmark shapes in n8n terms: a start node emitting the input item { v: 0 } and a chain of
// trivial nodes, each writing one parameter `v` (a constant, or one expression) into a new item.
import type { N8nConnections, N8nExecuteFunctions, N8nItem, N8nNode, N8nNodeType, N8nNodeTypes } from './api.js';

/** The expression each node holds in the expression shape (Prana's `{{ $input.main.v + 1 }}`). */
export const N8N_EXPRESSION = '={{ $json.v + 1 }}';

const START = 'prana-bench.start';
const SET = 'prana-bench.set';

/** Start node: emits the execution input { v: 0 }, like Prana's manual.trigger given that input. */
const startNodeType: N8nNodeType = {
  description: {
    displayName: 'Bench start',
    name: START,
    group: ['trigger'],
    version: 1,
    description: 'Emits the benchmark input item',
    defaults: { name: 'Start' },
    inputs: [],
    outputs: ['main'],
    properties: [],
  },
  async execute(): Promise<N8nItem[][]> {
    return [[{ json: { v: 0 } }]];
  },
};

/** Trivial node: one item out per item in, `{ v: <parameter v> }`, like Prana's data.set_data with `mapping_map: { v }`. */
const setNodeType: N8nNodeType = {
  description: {
    displayName: 'Bench set',
    name: SET,
    group: ['transform'],
    version: 1,
    description: 'Writes parameter v into the item',
    defaults: { name: 'Set' },
    inputs: ['main'],
    outputs: ['main'],
    properties: [{ displayName: 'V', name: 'v', type: 'number', default: 0 }],
  },
  async execute(this: N8nExecuteFunctions): Promise<N8nItem[][]> {
    const items = this.getInputData();
    const out: N8nItem[] = [];
    for (let i = 0; i < items.length; i++) out.push({ json: { v: this.getNodeParameter('v', i) }, pairedItem: { item: i } });
    return [out];
  },
};

/** The registry holding only the two bench node types. */
export const benchNodeTypes: N8nNodeTypes = {
  getByName: (type) => (type === START ? startNodeType : type === SET ? setNodeType : undefined),
  getByNameAndVersion: (type) => (type === START ? startNodeType : type === SET ? setNodeType : undefined),
  getKnownTypes: () => ({}),
};

/** A chain of `nodes` nodes: the start node, then `nodes - 1` set nodes, each fed by the one before. */
export function chainDefinition(nodes: number, expressionPerNode: boolean): { nodes: N8nNode[]; connections: N8nConnections } {
  if (!Number.isInteger(nodes) || nodes < 2) throw new Error(`n8n peer: a chain needs at least 2 nodes, got ${nodes}`);
  const list: N8nNode[] = [{ id: 'start', name: 'start', type: START, typeVersion: 1, position: [0, 0], parameters: {} }];
  const connections: N8nConnections = {};
  for (let i = 1; i < nodes; i++) {
    const name = `n${i}`;
    list.push({ id: name, name, type: SET, typeVersion: 1, position: [i * 200, 0], parameters: { v: expressionPerNode ? N8N_EXPRESSION : i } });
    connections[i === 1 ? 'start' : `n${i - 1}`] = { main: [[{ node: name, type: 'main', index: 0 }]] };
  }
  return { nodes: list, connections };
}

/** The name of the chain's last node. */
export function lastNodeName(nodes: number): string {
  return `n${nodes - 1}`;
}
