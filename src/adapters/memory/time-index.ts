/** One row's place in a time index. */
export interface TimeEntry {
  readonly id: string;
  readonly at: number;
}

/**
 * An index of rows by a time (then id), for "the earliest rows up to time T" without scanning every
 * row: a binary min-heap with lazy removal. Changing or clearing a row's time leaves its old entry
 * behind, recognised as stale by comparing it with the row's current time; stale entries are dropped
 * when they reach the top, and the heap is rebuilt when they outnumber the live ones.
 */
export class TimeIndex {
  private heap: TimeEntry[] = [];
  private readonly current = new Map<string, number>();

  /** Rows in the index. */
  get size(): number {
    return this.current.size;
  }

  /** Puts the row at `at`, or takes it out with null. */
  set(id: string, at: number | null): void {
    const previous = this.current.get(id);
    if (at === null) {
      if (previous !== undefined) this.current.delete(id);
      return;
    }
    if (previous === at) return;
    this.current.set(id, at);
    this.push({ id, at });
    if (this.heap.length > 2 * this.current.size + 1024) this.rebuild();
  }

  /** The row's time, or undefined when it is not in the index. */
  get(id: string): number | undefined {
    return this.current.get(id);
  }

  /**
   * The earliest rows with a time ≤ `until` that `accept` takes, in (time, id) order, at most `limit`.
   * Rows `accept` refuses stay indexed and are passed over.
   */
  earliest(until: number, limit: number, accept: (id: string) => boolean): TimeEntry[] {
    const found: TimeEntry[] = [];
    const passed: TimeEntry[] = [];
    while (found.length < limit && this.heap.length > 0) {
      const top = this.heap[0] as TimeEntry;
      if (top.at > until) break;
      this.pop();
      if (this.current.get(top.id) !== top.at) continue;
      if (passed.length > 0 && sameEntry(passed[passed.length - 1] as TimeEntry, top)) continue;
      passed.push(top);
      if (accept(top.id)) found.push(top);
    }
    for (const entry of passed) this.push(entry);
    return found;
  }

  private rebuild(): void {
    const entries: TimeEntry[] = [];
    for (const [id, at] of this.current) entries.push({ id, at });
    this.heap = [];
    for (const entry of entries) this.push(entry);
  }

  private push(entry: TimeEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as TimeEntry, heap[parent] as TimeEntry)) break;
      [heap[i], heap[parent]] = [heap[parent] as TimeEntry, heap[i] as TimeEntry];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as TimeEntry;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as TimeEntry, heap[left] as TimeEntry) ? right : left;
      if (!before(heap[child] as TimeEntry, heap[i] as TimeEntry)) return;
      [heap[i], heap[child]] = [heap[child] as TimeEntry, heap[i] as TimeEntry];
      i = child;
    }
  }
}

function before(a: TimeEntry, b: TimeEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

function sameEntry(a: TimeEntry, b: TimeEntry): boolean {
  return a.at === b.at && a.id === b.id;
}
