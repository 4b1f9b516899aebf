import dagre from '@dagrejs/dagre';
import type { ExecutionGraph } from '../../sdk/typescript/src/gen/prana/v1/graph.js';

const NODE_WIDTH = 150;
const NODE_HEIGHT = 44;

/** Escapes text for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The graph drawn as SVG: nodes laid out left to right by dagre, one `<g>` per node carrying its key
 * and state (`data-node`, `data-state`), connections as arrows labelled with their port when not main.
 */
export function graphSvg(graph: ExecutionGraph, states: ReadonlyMap<string, string>): string {
  const layout = new dagre.graphlib.Graph({ multigraph: true });
  layout.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 48, marginx: 16, marginy: 16 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) layout.setNode(node.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  graph.connections.forEach((connection, i) => layout.setEdge(connection.fromNode, connection.toNode, {}, `e${i}`));
  dagre.layout(layout);
  const size = layout.graph();
  const width = Math.ceil(size.width ?? 400);
  const height = Math.ceil(size.height ?? 200);
  const edges = graph.connections.map((connection, i) => {
    const points: { x: number; y: number }[] = layout.edge({ v: connection.fromNode, w: connection.toNode, name: `e${i}` })?.points ?? [];
    const d = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const port = connection.fromPort !== '' && connection.fromPort !== 'main' ? connection.fromPort : '';
    const middle = points[Math.floor(points.length / 2)];
    const label = port === '' || middle === undefined ? '' : `<text class="type" x="${middle.x + 4}" y="${middle.y - 4}">${escapeHtml(port)}</text>`;
    return `<path d="${d}"></path>${label}`;
  });
  const nodes = graph.nodes.map((node) => {
    const box = layout.node(node.key);
    const state = states.get(node.key) ?? 'waiting';
    const x = box.x - NODE_WIDTH / 2;
    const y = box.y - NODE_HEIGHT / 2;
    return (
      `<g class="node node-${state}" data-node="${escapeHtml(node.key)}" data-state="${state}">` +
      `<title>${escapeHtml(`${node.key} (${node.type}): ${state}`)}</title>` +
      `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}"></rect>` +
      `<text x="${x + 8}" y="${y + 18}">${escapeHtml(node.key)}</text>` +
      `<text class="type" x="${x + 8}" y="${y + 34}">${escapeHtml(node.type)}</text></g>`
    );
  });
  return (
    `<svg class="graph" viewBox="0 0 ${width} ${height}" style="max-height:${height}px" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6" stroke="none"></path></marker></defs>` +
    `${edges.join('')}${nodes.join('')}</svg>`
  );
}

/** Recolours the drawn nodes of `root` by state, without laying the graph out again. */
export function paintStates(root: ParentNode, states: ReadonlyMap<string, string>): void {
  for (const element of Array.from(root.querySelectorAll<SVGGElement>('g[data-node]'))) {
    const state = states.get(element.dataset.node ?? '') ?? 'waiting';
    if (element.dataset.state === state) continue;
    element.dataset.state = state;
    element.setAttribute('class', `node node-${state}`);
    const title = element.querySelector('title');
    if (title !== null) title.textContent = (title.textContent ?? '').replace(/: \w+$/, `: ${state}`);
  }
}
