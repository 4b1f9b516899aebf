/** One row's place in creation order. */
interface Entry {
  readonly createdAt: number;
  readonly id: string;
}

/**
 * The rows of each namespace in creation order (created_at, then id), for listings newest first that
 * read only the page they return and the rows their filters pass over, not every row. Rows are added
 * mostly at the end (created now), so keeping the order costs a binary search and rarely a move.
 */
export class CreationOrder {
  private readonly byNamespace = new Map<string, Entry[]>();

  add(namespace: string, id: string, createdAt: number): void {
    let list = this.byNamespace.get(namespace);
    if (list === undefined) {
      list = [];
      this.byNamespace.set(namespace, list);
    }
    const at = firstAfter(list, createdAt, id);
    if (at === list.length) list.push({ createdAt, id });
    else list.splice(at, 0, { createdAt, id });
  }

  remove(namespace: string, id: string, createdAt: number): void {
    const list = this.byNamespace.get(namespace);
    if (list === undefined) return;
    const at = firstAfter(list, createdAt, id) - 1;
    const entry = list[at];
    if (entry !== undefined && entry.id === id && entry.createdAt === createdAt) list.splice(at, 1);
  }

  /**
   * Ids newest first: strictly before `after` when given, created before `createdBefore` and at or
   * after `createdAfter`.
   */
  *newestFirst(
    namespace: string,
    bounds: { readonly after?: Entry | undefined; readonly createdBefore?: number | undefined; readonly createdAfter?: number | undefined },
  ): Generator<string> {
    const list = this.byNamespace.get(namespace);
    if (list === undefined) return;
    let end = list.length;
    if (bounds.after !== undefined) end = Math.min(end, firstAfter(list, bounds.after.createdAt, bounds.after.id, true));
    if (bounds.createdBefore !== undefined) end = Math.min(end, firstAfter(list, bounds.createdBefore, '', true));
    for (let i = end - 1; i >= 0; i--) {
      const entry = list[i] as Entry;
      if (bounds.createdAfter !== undefined && entry.createdAt < bounds.createdAfter) return;
      yield entry.id;
    }
  }
}

/**
 * Index of the first entry after (createdAt, id) in the order, or with `atOrAfter` the first entry at
 * or after it.
 */
function firstAfter(list: readonly Entry[], createdAt: number, id: string, atOrAfter = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = list[mid] as Entry;
    const before = entry.createdAt < createdAt || (entry.createdAt === createdAt && (atOrAfter ? entry.id < id : entry.id <= id));
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
