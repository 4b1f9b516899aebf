import type { Deadline } from '@grpc/grpc-js';

/** What a scope needs of a grpc-js server call (unary or streaming). */
export interface SurfaceCall {
  getDeadline(): Deadline;
  on(event: 'cancelled', listener: () => void): unknown;
}

/** Why a call's signal was aborted: the caller cancelled, its deadline passed, or the server is stopping. */
export type AbortCause = 'cancelled' | 'deadline' | 'shutdown';

/**
 * The life of one call as the application sees it: an AbortSignal that fires when the caller cancels,
 * when the call's deadline passes, or when the server starts draining. grpc-js also emits `cancelled`
 * after a normal finish, so the scope ignores everything once it has ended.
 */
export class CallScope {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private abortCause: AbortCause | null = null;

  constructor(
    call: SurfaceCall,
    private readonly onEnd: (scope: CallScope) => void,
  ) {
    call.on('cancelled', () => this.abort('cancelled'));
    const deadline = call.getDeadline();
    const at = deadline instanceof Date ? deadline.getTime() : deadline;
    if (Number.isFinite(at)) {
      this.timer = setTimeout(() => this.abort('deadline'), Math.max(0, at - Date.now()));
      this.timer.unref();
    }
  }

  /** Aborted when the call should stop waiting; pass it to the use case. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the signal was aborted, or null while it was not. */
  get cause(): AbortCause | null {
    return this.abortCause;
  }

  /** Aborts the signal (first cause wins); a no-op once the call ended. */
  abort(cause: AbortCause): void {
    if (this.ended || this.abortCause !== null) return;
    this.abortCause = cause;
    this.controller.abort(cause);
  }

  /** Marks the call answered: timers stop and later cancellations are ignored. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.onEnd(this);
  }
}
