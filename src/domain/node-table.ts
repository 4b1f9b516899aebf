import { FrontierQueue } from './frontier-queue.js';

/**
 * The node keys of one graph, each with a fixed slot. Built once per graph and shared by all of its
 * executions, so per-execution tables are plain arrays instead of growing hash maps.
 */
export class NodeSlots {
  private readonly slots = new Map<string, number>();

  /** `keys[slot]` is the node key in that slot; pruned positions hold undefined. */
  constructor(readonly keys: readonly (string | undefined)[]) {
    keys.forEach((key, slot) => {
      if (key !== undefined) this.slots.set(key, slot);
    });
  }

  private rankBySlot: number[] | null = null;

  /** Each slot's position among the graph's keys sorted by code unit (pruned slots last). */
  get ranks(): readonly number[] {
    if (this.rankBySlot === null) {
      const order = this.keys.map((_, slot) => slot).filter((slot) => this.keys[slot] !== undefined);
      order.sort((a, b) => ((this.keys[a] as string) < (this.keys[b] as string) ? -1 : 1));
      const ranks = new Array<number>(this.keys.length).fill(this.keys.length);
      order.forEach((slot, rank) => (ranks[slot] = rank));
      this.rankBySlot = ranks;
    }
    return this.rankBySlot;
  }

  /** Number of slots (one more than the highest slot). */
  get size(): number {
    return this.keys.length;
  }

  /** The slot of a key, or -1 when the graph has no such node. */
  slotOf(key: string): number {
    return this.slots.get(key) ?? -1;
  }
}

/**
 * A per-execution table of values by node (runs, contexts), backed by an array indexed by slot. It
 * reads like a Map keyed by node key; the engine's hot paths use the slot directly.
 */
export class NodeTable<T> implements Iterable<[string, T]> {
  private readonly cells: (T | undefined)[];
  private count = 0;

  constructor(readonly slots: NodeSlots) {
    this.cells = new Array<T | undefined>(slots.size).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    const slot = this.slots.slotOf(key);
    return slot < 0 ? undefined : this.cells[slot];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: T): this {
    const slot = this.slots.slotOf(key);
    if (slot < 0) throw new Error(`node ${key} is not in this graph`);
    this.setAt(slot, value);
    return this;
  }

  /** The value in a slot. */
  at(slot: number): T | undefined {
    return this.cells[slot];
  }

  /** Sets the value in a slot. */
  setAt(slot: number, value: T): void {
    if (this.cells[slot] === undefined) this.count += 1;
    this.cells[slot] = value;
  }

  /** Calls `visit` for every value, in slot order (no iterator allocation on hot paths). */
  forEachValue(visit: (value: T) => void): void {
    const cells = this.cells;
    for (let slot = 0; slot < cells.length; slot++) {
      const value = cells[slot];
      if (value !== undefined) visit(value);
    }
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this) yield key;
  }

  *values(): IterableIterator<T> {
    for (const [, value] of this) yield value;
  }

  *[Symbol.iterator](): IterableIterator<[string, T]> {
    const keys = this.slots.keys;
    for (let slot = 0; slot < this.cells.length; slot++) {
      const value = this.cells[slot];
      if (value !== undefined) yield [keys[slot] as string, value];
    }
  }

  /** Entries in slot order. */
  entries(): IterableIterator<[string, T]> {
    return this[Symbol.iterator]();
  }
}

/**
 * Active paths: node → execution_index of its completion on the current pass.
 * Completions happen in increasing execution_index order, so the entries form a stack, and "forget
 * every entry recorded after the node's previous completion" pops the stack down to that node.
 */
export class ActivePaths {
  private readonly indexBySlot: number[];
  private readonly stack: number[] = [];

  constructor(readonly slots: NodeSlots) {
    this.indexBySlot = new Array<number>(slots.size).fill(-1);
  }

  get size(): number {
    return this.stack.length;
  }

  has(key: string): boolean {
    const slot = this.slots.slotOf(key);
    return slot >= 0 && this.indexBySlot[slot] !== -1;
  }

  /** True when the node in this slot completed on the current pass. */
  hasSlot(slot: number): boolean {
    return this.indexBySlot[slot] !== -1;
  }

  get(key: string): number | undefined {
    const slot = this.slots.slotOf(key);
    const index = slot < 0 ? -1 : (this.indexBySlot[slot] as number);
    return index === -1 ? undefined : index;
  }

  /** Records the completion of run #executionIndex of the node in `slot`. */
  complete(slot: number, executionIndex: number): void {
    if (this.indexBySlot[slot] !== -1) {
      while (this.stack.length > 0 && this.stack[this.stack.length - 1] !== slot) {
        this.indexBySlot[this.stack.pop() as number] = -1;
      }
    } else this.stack.push(slot);
    this.indexBySlot[slot] = executionIndex;
  }

  /** Entries in increasing execution_index order. */
  entries(): [string, number][] {
    return this.stack.map((slot) => [this.slots.keys[slot] as string, this.indexBySlot[slot] as number]);
  }

  /** Entries in increasing execution_index order as one flat list: slot, index, slot, index, … */
  flat(): number[] {
    const out = new Array<number>(this.stack.length * 2);
    for (let n = 0; n < this.stack.length; n++) {
      const slot = this.stack[n] as number;
      out[2 * n] = slot;
      out[2 * n + 1] = this.indexBySlot[slot] as number;
    }
    return out;
  }

  /** Rebuilds active paths from a flat list (see flat); slots the graph does not have are skipped. */
  static fromFlat(slots: NodeSlots, flat: readonly number[]): ActivePaths {
    const paths = new ActivePaths(slots);
    for (let n = 0; n + 1 < flat.length; n += 2) {
      const slot = flat[n] as number;
      if (slot >= 0 && slot < slots.size && slots.keys[slot] !== undefined) paths.complete(slot, flat[n + 1] as number);
    }
    return paths;
  }

  /** Rebuilds active paths from stored entries (in increasing index order). */
  static from(slots: NodeSlots, entries: readonly (readonly [string, number])[]): ActivePaths {
    const paths = new ActivePaths(slots);
    for (const [key, index] of entries) {
      const slot = slots.slotOf(key);
      if (slot >= 0) paths.complete(slot, index);
    }
    return paths;
  }
}

/** Members beyond which the frontier keeps a selection queue instead of being scanned. */
const WIDE = 32;

/**
 * The frontier: scheduled nodes and their depth (always ≥ 1). Backed by a depth per slot plus the
 * list of member slots; the engine scans a short list to pick the next node, and a wide frontier
 * keeps a selection queue so picking stays logarithmic.
 */
export class Frontier implements Iterable<[string, number]> {
  private readonly depthBySlot: number[];
  private readonly members: number[] = [];
  /** Built once the frontier is wide: each member's position in `members`, and the selection queue. */
  private wide: { readonly positions: number[]; readonly queue: FrontierQueue } | null = null;

  constructor(readonly slots: NodeSlots) {
    this.depthBySlot = new Array<number>(slots.size).fill(0);
  }

  get size(): number {
    return this.members.length;
  }

  /** The member slots, in no particular order (do not modify). */
  get memberSlots(): readonly number[] {
    return this.members;
  }

  /** The selection queue, once the frontier has been wide (null while it is short enough to scan). */
  get queue(): FrontierQueue | null {
    return this.wide?.queue ?? null;
  }

  /** The depth of the node in `slot`, or 0 when it is not scheduled. */
  depthAt(slot: number): number {
    return this.depthBySlot[slot] as number;
  }

  /** Schedules the node in `slot` at `depth`, overwriting an earlier depth. */
  setAt(slot: number, depth: number): void {
    if (this.depthBySlot[slot] === 0) {
      if (this.wide !== null) this.wide.positions[slot] = this.members.length;
      this.members.push(slot);
    }
    this.depthBySlot[slot] = depth;
    if (this.wide !== null) this.wide.queue.push(slot, depth);
    else if (this.members.length > WIDE) this.widen();
  }

  /** Removes the node in `slot`, if scheduled. */
  deleteAt(slot: number): void {
    if (this.depthBySlot[slot] === 0) return;
    this.depthBySlot[slot] = 0;
    const at = this.wide === null ? this.members.indexOf(slot) : (this.wide.positions[slot] as number);
    const last = this.members.pop() as number;
    if (at < this.members.length) {
      this.members[at] = last;
      if (this.wide !== null) this.wide.positions[last] = at;
    }
    this.wide?.queue.remove(slot);
  }

  private widen(): void {
    const positions = new Array<number>(this.slots.size).fill(-1);
    const queue = new FrontierQueue(this.slots.ranks, this.slots.size);
    this.members.forEach((slot, at) => {
      positions[slot] = at;
      queue.push(slot, this.depthBySlot[slot] as number);
    });
    this.wide = { positions, queue };
  }

  get(key: string): number | undefined {
    const slot = this.slots.slotOf(key);
    const depth = slot < 0 ? 0 : (this.depthBySlot[slot] as number);
    return depth === 0 ? undefined : depth;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, depth: number): this {
    const slot = this.slots.slotOf(key);
    if (slot < 0) throw new Error(`node ${key} is not in this graph`);
    this.setAt(slot, depth);
    return this;
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this) yield key;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (const slot of this.members) yield [this.slots.keys[slot] as string, this.depthBySlot[slot] as number];
  }

  entries(): IterableIterator<[string, number]> {
    return this[Symbol.iterator]();
  }
}
