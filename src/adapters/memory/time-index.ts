import { BinaryHeap } from '../../domain/binary-heap.js';

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
  private readonly heap = new BinaryHeap<TimeEntry>(before);
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
    this.heap.push({ id, at });
    if (this.heap.size > 2 * this.current.size + 1024) this.rebuild();
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
    while (found.length < limit) {
      const top = this.heap.peek();
      if (top === undefined || top.at > until) break;
      this.heap.pop();
      if (this.current.get(top.id) !== top.at) continue;
      if (passed.length > 0 && sameEntry(passed[passed.length - 1] as TimeEntry, top)) continue;
      passed.push(top);
      if (accept(top.id)) found.push(top);
    }
    for (const entry of passed) this.heap.push(entry);
    return found;
  }

  private rebuild(): void {
    this.heap.clear();
    for (const [id, at] of this.current) this.heap.push({ id, at });
  }
}

function before(a: TimeEntry, b: TimeEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

function sameEntry(a: TimeEntry, b: TimeEntry): boolean {
  return a.at === b.at && a.id === b.id;
}
