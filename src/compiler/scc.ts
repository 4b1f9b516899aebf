/**
 * Strongly connected components by Tarjan's algorithm, iteratively (an explicit frame stack, so a
 * 1000-node chain cannot overflow the call stack). Returns the component number of each node;
 * numbers are only labels: two nodes share a component exactly when each reaches the other.
 */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): Int32Array {
  const size = successors.length;
  const order = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const component = new Int32Array(size).fill(-1);
  const onStack = new Uint8Array(size);
  const stack = new Int32Array(size);
  let stackTop = 0;
  const frameNode = new Int32Array(size);
  const frameChild = new Int32Array(size);
  let counter = 0;
  let components = 0;

  for (let root = 0; root < size; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    frameNode[0] = root;
    frameChild[0] = 0;
    order[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = frameNode[depth] as number;
      const next = successors[v] as readonly number[];
      const child = frameChild[depth] as number;
      if (child < next.length) {
        frameChild[depth] = child + 1;
        const w = next[child] as number;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          depth++;
          frameNode[depth] = w;
          frameChild[depth] = 0;
        } else if (onStack[w] === 1) {
          low[v] = Math.min(low[v] as number, order[w] as number);
        }
        continue;
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--stackTop] as number;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
      depth--;
      if (depth >= 0) {
        const parent = frameNode[depth] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
    }
  }
  return component;
}
