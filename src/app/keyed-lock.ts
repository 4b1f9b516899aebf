/**
 * Serializes work per key inside one process: each execution's transitions run one at a time, in
 * arrival order, while different executions proceed concurrently.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier work on the same key has finished. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous === undefined ? work() : previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every work running or queued now has finished (later work is not waited for). */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }

  /** True when work on this key is running or queued. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
