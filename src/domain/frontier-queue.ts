/**
 * A priority queue over frontier slots in selection order: highest depth first, ties to the smallest
 * node key (by rank). Entries are lazy: rescheduling or removing a slot bumps its version, and stale
 * entries are dropped when they reach the top. The frontier builds one only when it grows wide, so
 * small executions keep their plain member list.
 */
export class FrontierQueue {
  private readonly slots: number[] = [];
  private readonly depths: number[] = [];
  private readonly versions: number[] = [];
  private readonly versionBySlot: number[];

  constructor(
    private readonly rank: readonly number[],
    slotCount: number,
  ) {
    this.versionBySlot = new Array<number>(slotCount).fill(0);
  }

  /** Records that `slot` is now scheduled at `depth` (earlier entries of the slot become stale). */
  push(slot: number, depth: number): void {
    const version = (this.versionBySlot[slot] as number) + 1;
    this.versionBySlot[slot] = version;
    this.pushEntry(slot, depth, version);
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
    const skipped: number[] = [];
    let found = -1;
    while (this.slots.length > 0) {
      const slot = this.slots[0] as number;
      const depth = this.depths[0] as number;
      const version = this.versions[0] as number;
      this.pop();
      if (version !== this.versionBySlot[slot]) continue;
      skipped.push(slot, depth, version);
      if (ready(slot)) {
        found = slot;
        break;
      }
    }
    for (let i = 0; i < skipped.length; i += 3) this.pushEntry(skipped[i] as number, skipped[i + 1] as number, skipped[i + 2] as number);
    return found;
  }

  private pushEntry(slot: number, depth: number, version: number): void {
    this.slots.push(slot);
    this.depths.push(depth);
    this.versions.push(version);
    this.up(this.slots.length - 1);
  }

  private pop(): void {
    const last = this.slots.length - 1;
    this.move(last, 0);
    this.slots.pop();
    this.depths.pop();
    this.versions.pop();
    if (this.slots.length > 1) this.down(0);
  }

  /** True when entry i goes before entry j. */
  private before(i: number, j: number): boolean {
    const di = this.depths[i] as number;
    const dj = this.depths[j] as number;
    if (di !== dj) return di > dj;
    return (this.rank[this.slots[i] as number] as number) < (this.rank[this.slots[j] as number] as number);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.slots.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.before(right, left) ? right : left;
      if (!this.before(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private move(from: number, to: number): void {
    this.slots[to] = this.slots[from] as number;
    this.depths[to] = this.depths[from] as number;
    this.versions[to] = this.versions[from] as number;
  }

  private swap(i: number, j: number): void {
    const s = this.slots[i] as number;
    const d = this.depths[i] as number;
    const v = this.versions[i] as number;
    this.move(j, i);
    this.slots[j] = s;
    this.depths[j] = d;
    this.versions[j] = v;
  }
}
