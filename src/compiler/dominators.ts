/**
 * The dominator tree of a graph rooted at one node: `idom[v]` is v's immediate dominator (the root
 * is its own; -1 for nodes the root does not reach), `postorder[v]` its depth-first postorder number.
 */
export interface DominatorTree {
  readonly root: number;
  readonly idom: Int32Array;
  readonly postorder: Int32Array;
}

/** Depth-first postorder numbers from the root, iteratively; -1 for unreached nodes. */
function postorderNumbers(successors: readonly (readonly number[])[], root: number): { numbers: Int32Array; order: number[] } {
  const size = successors.length;
  const numbers = new Int32Array(size).fill(-1);
  const visited = new Uint8Array(size);
  const order: number[] = [];
  const frameNode = new Int32Array(size);
  const frameChild = new Int32Array(size);
  let depth = 0;
  frameNode[0] = root;
  frameChild[0] = 0;
  visited[root] = 1;
  while (depth >= 0) {
    const v = frameNode[depth] as number;
    const next = successors[v] as readonly number[];
    const child = frameChild[depth] as number;
    if (child < next.length) {
      frameChild[depth] = child + 1;
      const w = next[child] as number;
      if (visited[w] === 0) {
        visited[w] = 1;
        depth++;
        frameNode[depth] = w;
        frameChild[depth] = 0;
      }
      continue;
    }
    numbers[v] = order.length;
    order.push(v);
    depth--;
  }
  return { numbers, order };
}

/**
 * Computes immediate dominators with the iterative algorithm of Cooper, Harvey and Kennedy
 * ("A Simple, Fast Dominance Algorithm"): iterate over reverse postorder to a fixpoint.
 */
export function dominatorTree(successors: readonly (readonly number[])[], root: number): DominatorTree {
  const size = successors.length;
  const { numbers: postorder, order } = postorderNumbers(successors, root);
  const predecessors: number[][] = Array.from({ length: size }, () => []);
  for (let v = 0; v < size; v++) {
    if (postorder[v] === -1) continue;
    for (const w of successors[v] as readonly number[]) (predecessors[w] as number[]).push(v);
  }
  const idom = new Int32Array(size).fill(-1);
  idom[root] = root;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i] as number;
      if (v === root) continue;
      let candidate = -1;
      for (const p of predecessors[v] as number[]) {
        if (idom[p] === -1) continue;
        candidate = candidate === -1 ? p : intersect(idom, postorder, p, candidate);
      }
      if (candidate !== -1 && idom[v] !== candidate) {
        idom[v] = candidate;
        changed = true;
      }
    }
  }
  return { root, idom, postorder };
}

/** The nearest node that dominates both a and b (both must be reached from the root). */
export function nearestCommonDominator(tree: DominatorTree, a: number, b: number): number {
  return intersect(tree.idom, tree.postorder, a, b);
}

/** Walks both nodes up the (partial) dominator tree until they meet; postorder numbers grow upward. */
function intersect(idom: Int32Array, postorder: Int32Array, a: number, b: number): number {
  let f1 = a;
  let f2 = b;
  while (f1 !== f2) {
    while ((postorder[f1] as number) < (postorder[f2] as number)) f1 = idom[f1] as number;
    while ((postorder[f2] as number) < (postorder[f1] as number)) f2 = idom[f2] as number;
  }
  return f1;
}

/** True when d dominates v (every node dominates itself). */
export function dominates(tree: DominatorTree, d: number, v: number): boolean {
  let current = v;
  for (;;) {
    if (current === d) return true;
    if (current === tree.root || current === -1) return false;
    current = tree.idom[current] as number;
  }
}
