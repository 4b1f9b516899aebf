import type { ExecutionEvent } from '../domain/events.js';

/**
 * Told to a subscriber whose queue overflowed: its queued events were dropped, and it must catch up
 * from the event log plus these events, which were not persisted yet when it was told. `handed` is the
 * seq of the last event it had been handed (queued, or given to it while it waited) before the
 * overflow: the events after that one are the ones it fell behind by.
 */
export class Lagged {
  constructor(
    readonly pending: readonly ExecutionEvent[],
    readonly handed: number,
  ) {}
}

/** One live subscriber of an execution's events, with a bounded queue. */
export interface Subscription {
  /** Events published before the subscription that may not be in the event log yet. */
  readonly pending: readonly ExecutionEvent[];
  /** The next live event, a catch-up notice after an overflow, or null after close. */
  next(): Promise<ExecutionEvent | Lagged | null>;
  close(): void;
}

interface Subscriber {
  queue: ExecutionEvent[];
  waiting: ((event: ExecutionEvent | Lagged | null) => void) | null;
  overflowed: boolean;
  closed: boolean;
  /** True from a delivery to a waiting reader until the end of that turn: the rest of the burst is its too. */
  burst: boolean;
  /** The seq of the last event handed to the subscriber. */
  handed: number;
}

/**
 * Live events inside one process. Publishing never blocks: each subscriber has a bounded queue, and
 * when it overflows the queue is dropped and the subscriber is told to catch up from the event log,
 * so a slow consumer never grows memory without bound. A subscriber that was waiting for an event
 * when an engine step began publishing is handed that whole step, however long (the step's events are
 * held in memory anyway until they are persisted): only a subscriber that was not reading overflows.
 * Events not yet appended to the event log are kept as "pending" per execution and handed to new and
 * lagging subscribers, so log + pending + live never leaves a gap.
 */
export class EventHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pendingByExecution = new Map<string, ExecutionEvent[]>();

  constructor(private readonly maxQueue: number = 1000) {}

  /** Publishes an event produced by the engine (before it is persisted). */
  publish(event: ExecutionEvent): void {
    let pending = this.pendingByExecution.get(event.executionId);
    if (pending === undefined) {
      pending = [];
      this.pendingByExecution.set(event.executionId, pending);
    }
    pending.push(event);
    const subs = this.subscribers.get(event.executionId);
    if (subs === undefined) return;
    for (const sub of subs) this.deliver(sub, event);
  }

  /** Marks events up to `seq` as appended to the event log. */
  persisted(executionId: string, seq: number): void {
    const pending = this.pendingByExecution.get(executionId);
    if (pending === undefined) return;
    let drop = 0;
    while (drop < pending.length && (pending[drop] as ExecutionEvent).seq <= seq) drop++;
    if (drop === pending.length) this.pendingByExecution.delete(executionId);
    else pending.splice(0, drop);
  }

  /** True when some process-local subscriber follows this execution. */
  watched(executionId: string): boolean {
    return this.subscribers.has(executionId);
  }

  subscribe(executionId: string): Subscription {
    const sub: Subscriber = { queue: [], waiting: null, overflowed: false, closed: false, burst: false, handed: 0 };
    let subs = this.subscribers.get(executionId);
    if (subs === undefined) {
      subs = new Set();
      this.subscribers.set(executionId, subs);
    }
    subs.add(sub);
    const pending = [...(this.pendingByExecution.get(executionId) ?? [])];
    const close = (): void => {
      if (sub.closed) return;
      sub.closed = true;
      const set = this.subscribers.get(executionId);
      set?.delete(sub);
      if (set !== undefined && set.size === 0) this.subscribers.delete(executionId);
      sub.waiting?.(null);
      sub.waiting = null;
    };
    return {
      pending,
      close,
      next: () => {
        if (sub.overflowed) {
          sub.overflowed = false;
          return Promise.resolve(new Lagged([...(this.pendingByExecution.get(executionId) ?? [])], sub.handed));
        }
        const queued = sub.queue.shift();
        if (queued !== undefined) return Promise.resolve(queued);
        if (sub.closed) return Promise.resolve(null);
        return new Promise<ExecutionEvent | Lagged | null>((resolve) => {
          sub.waiting = resolve;
        });
      },
    };
  }

  private deliver(sub: Subscriber, event: ExecutionEvent): void {
    if (sub.closed || sub.overflowed) return;
    const waiting = sub.waiting;
    if (waiting !== null) {
      sub.waiting = null;
      sub.handed = event.seq;
      if (!sub.burst) {
        sub.burst = true;
        queueMicrotask(() => {
          sub.burst = false;
        });
      }
      waiting(event);
      return;
    }
    if (!sub.burst && sub.queue.length >= this.maxQueue) {
      sub.overflowed = true;
      sub.queue = [];
      return;
    }
    sub.handed = event.seq;
    sub.queue.push(event);
  }
}
