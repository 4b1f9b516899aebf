/**
 * An actor's mailbox: runs the work posted to it one item at a time, in arrival order. Work that
 * fails does not stop the items after it.
 */
export class Mailbox {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  /** Runs `work` after every earlier item has finished; resolves with its result. */
  post<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(work);
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  /** True while an item runs or waits. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /** Resolves once every item posted so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private done(): void {
    this.queued--;
  }
}
