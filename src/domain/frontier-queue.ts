import { BinaryHeap } from './binary-heap.js';

/** One scheduling of a slot; a later scheduling or a removal of the slot makes it stale. */
interface QueueEntry {
  readonly slot: number;
  readonly depth: number;
  readonly version: number;
}

/**
 * A priority queue over frontier slots in selection order: highest depth first, ties to the smallest
 * node key (by rank). Entries are lazy: rescheduling or removing a slot bumps its version, and stale
 * entries are dropped when they reach the top. The frontier builds one only when it grows wide, so
 * small executions keep their plain member list.
 */
export class FrontierQueue {
  private readonly heap: BinaryHeap<QueueEntry>;
  private readonly versionBySlot: number[];

  constructor(rank: readonly number[], slotCount: number) {
    this.versionBySlot = new Array<number>(slotCount).fill(0);
    this.heap = new BinaryHeap<QueueEntry>((a, b) => a.depth > b.depth || (a.depth === b.depth && (rank[a.slot] as number) < (rank[b.slot] as number)));
  }

  /** Records that `slot` is now scheduled at `depth` (earlier entries of the slot become stale). */
  push(slot: number, depth: number): void {
    const version = (this.versionBySlot[slot] as number) + 1;
    this.versionBySlot[slot] = version;
    this.heap.push({ slot, depth, version });
  }

  /** Records that `slot` left the frontier. */
  remove(slot: number): void {
    this.versionBySlot[slot] = (this.versionBySlot[slot] as number) + 1;
  }

  /**
   * The first slot in selection order for which `ready` holds, or -1. Slots passed over stay queued;
   * the chosen one stays too (it leaves when the frontier removes it).
   */
  first(ready: (slot: number) => boolean): number {
    const passed: QueueEntry[] = [];
    let found = -1;
    for (let entry = this.heap.pop(); entry !== undefined; entry = this.heap.pop()) {
      if (entry.version !== this.versionBySlot[entry.slot]) continue;
      passed.push(entry);
      if (ready(entry.slot)) {
        found = entry.slot;
        break;
      }
    }
    for (const entry of passed) this.heap.push(entry);
    return found;
  }
}
