import { refused } from '../../app/app-error.js';
import { CallScope, type SurfaceCall } from './call-scope.js';

/** Capacity limits of one replica (RESOURCE_EXHAUSTED `limit_exceeded` when reached). */
export interface CallCapacity {
  /** Open RunExecution and WatchExecution streams. */
  readonly maxOpenStreams: number;
  /** StartExecution and Resume calls waiting for a state (wait SETTLED or TERMINAL). */
  readonly maxWaitingCalls: number;
  /** PollTasks calls waiting for a task (wait_ms > 0). */
  readonly maxWaitingPolls: number;
}

/** Default capacity of one replica. */
export const DEFAULT_CALL_CAPACITY: CallCapacity = Object.freeze({ maxOpenStreams: 10_000, maxWaitingCalls: 10_000, maxWaitingPolls: 1_000 });

/** The kinds of long calls the capacity limits count. */
export type LongCallKind = 'stream' | 'waiting_call' | 'waiting_poll';

const DESCRIPTIONS: Readonly<Record<LongCallKind, string>> = { stream: 'open streams', waiting_call: 'waiting calls', waiting_poll: 'waiting polls' };

/**
 * The calls this server is serving: each gets a CallScope, long ones are counted against the
 * capacity limits, and `drain()` aborts them all when the server stops, so waits and streams end with
 * UNAVAILABLE `shutting_down` instead of holding the shutdown until the grace period runs out.
 */
export class OpenCalls {
  private readonly scopes = new Set<CallScope>();
  private readonly counts: Record<LongCallKind, number> = { stream: 0, waiting_call: 0, waiting_poll: 0 };
  private draining = false;

  constructor(private readonly capacity: CallCapacity = DEFAULT_CALL_CAPACITY) {}

  /** Opens the scope of a new call; during a drain it is born aborted with cause `shutdown`. */
  open(call: SurfaceCall): CallScope {
    const scope = new CallScope(call, (ended) => this.scopes.delete(ended));
    this.scopes.add(scope);
    if (this.draining) scope.abort('shutdown');
    return scope;
  }

  /**
   * Counts a long call of this kind; the returned function releases it (idempotent). At the limit it
   * throws RESOURCE_EXHAUSTED `limit_exceeded` with metadata `limit`.
   */
  admit(kind: LongCallKind): () => void {
    const limit = this.limitOf(kind);
    if (this.counts[kind] >= limit) {
      throw refused('limit_exceeded', `too many ${DESCRIPTIONS[kind]} on this replica (limit ${limit}); retry later`, {
        limit: String(limit),
      });
    }
    this.counts[kind] += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.counts[kind] -= 1;
    };
  }

  /** How many long calls of this kind are open now. */
  count(kind: LongCallKind): number {
    return this.counts[kind];
  }

  /** Aborts every open call with cause `shutdown`, and every call opened from now on. */
  drain(): void {
    this.draining = true;
    for (const scope of [...this.scopes]) scope.abort('shutdown');
  }

  private limitOf(kind: LongCallKind): number {
    switch (kind) {
      case 'stream':
        return this.capacity.maxOpenStreams;
      case 'waiting_call':
        return this.capacity.maxWaitingCalls;
      case 'waiting_poll':
        return this.capacity.maxWaitingPolls;
    }
  }
}
