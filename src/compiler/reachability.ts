/**
 * Marks every node reachable from `starts` by following successor lists (breadth first, no
 * recursion). The node `blocked`, if given, is never entered: paths through it are not followed.
 */
export function reachableFrom(successors: readonly (readonly number[])[], starts: Iterable<number>, blocked = -1): Uint8Array {
  const reached = new Uint8Array(successors.length);
  const queue: number[] = [];
  for (const start of starts) {
    if (start === blocked || reached[start] === 1) continue;
    reached[start] = 1;
    queue.push(start);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of successors[queue[head] as number] as readonly number[]) {
      if (next === blocked || reached[next] === 1) continue;
      reached[next] = 1;
      queue.push(next);
    }
  }
  return reached;
}
