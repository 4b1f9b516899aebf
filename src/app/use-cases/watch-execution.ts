import type { ExecutionEvent } from '../../domain/events.js';
import { invalidRequest, refused, transient } from '../app-error.js';
import { Lagged } from '../event-hub.js';
import type { AppContext } from './context.js';

const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['execution_completed', 'execution_failed', 'execution_cancelled']);
const PAGE = 500;

/** Decides after each event whether the stream ends with it. */
export type StopRule = (event: ExecutionEvent) => boolean | Promise<boolean>;

/** The default rule of WatchExecution: end after the terminal event. */
export const untilTerminal: StopRule = (event) => TERMINAL_EVENTS.has(event.type);

/**
 * The events of an execution with seq > afterSeq, in order and without gaps or duplicates: the
 * event log first, then events not yet persisted, then live ones. The live part
 * comes from this process's hub, and from re-reading the log for executions another replica drives.
 * A consumer slower than its bounded live queue catches up from the log; one that falls more than
 * `maxWatchLag` events behind gets RESOURCE_EXHAUSTED `subscriber_too_slow` and reconnects.
 */
export async function* watchExecution(
  ctx: AppContext,
  namespace: string,
  executionId: string,
  afterSeq: number,
  stop: StopRule,
  signal?: AbortSignal,
): AsyncGenerator<ExecutionEvent> {
  if (executionId === '') throw invalidRequest([{ field: 'execution_id', description: 'is required' }]);
  if (!Number.isInteger(afterSeq) || afterSeq < 0) throw invalidRequest([{ field: 'after_seq', description: 'must be ≥ 0' }]);
  const subscription = ctx.hub.subscribe(executionId);
  const live = new LiveReader(subscription);
  try {
    const current = await ctx.runtime.read(executionId, namespace);
    const log = new CommittedLog(ctx, executionId, current.seq);
    let last = afterSeq;
    const deliver = async function* (event: ExecutionEvent): AsyncGenerator<ExecutionEvent, boolean> {
      if (event.seq !== last + 1) return false;
      last = event.seq;
      yield event;
      return await stop(event);
    };
    // 1. The event log, page by page.
    for (;;) {
      const page = await log.read(last);
      for (const event of page.events) if (yield* deliver(event)) return;
      if (!page.full) break;
    }
    // 2. Events published before the subscription and not yet in the log.
    for (const event of subscription.pending) if (event.seq > last && (yield* deliver(event))) return;
    if (current.seq <= last && TERMINAL_EVENTS.has('execution_' + current.status)) return;
    // 3. Live events; gaps are filled from the log, which also covers other replicas.
    for (;;) {
      const next = await live.next(ctx, signal);
      if (next instanceof Lagged) {
        // The live queue overflowed while the stream was not reading: it is too slow when more than
        // maxWatchLag events came after the last one it had been handed. Otherwise it catches up from
        // the log, then from what was not persisted yet.
        const latest = next.pending.at(-1)?.seq ?? (await ctx.runtime.read(executionId)).seq;
        if (latest - Math.max(last, next.handed) > ctx.maxWatchLag) {
          throw refused(
            'subscriber_too_slow',
            `the stream fell more than ${ctx.maxWatchLag} events behind; reconnect with WatchExecution from the last seq received`,
            {
              limit: String(ctx.maxWatchLag),
            },
          );
        }
        for (;;) {
          const page = await log.read(last);
          for (const logged of page.events) if (yield* deliver(logged)) return;
          if (!page.full) break;
        }
        for (const pending of next.pending) if (pending.seq > last && (yield* deliver(pending))) return;
        continue;
      }
      const event = next;
      if (event !== null && event.seq <= last) continue;
      if (event !== null && event.seq === last + 1) {
        if (yield* deliver(event)) return;
        continue;
      }
      const page = await log.read(last);
      for (const logged of page.events) if (yield* deliver(logged)) return;
      if (event !== null && event.seq === last + 1 && (yield* deliver(event))) return;
      if (page.events.length === 0 && event === null) {
        const now = await ctx.runtime.read(executionId);
        if (now.seq <= last && TERMINAL_EVENTS.has('execution_' + now.status)) return;
      }
    }
  } finally {
    subscription.close();
  }
}

/**
 * The event log of one execution as far as the execution's seq commits it: events beyond the seq are
 * tentative (appended by a writer that stopped before writing the execution) and never handed out.
 */
class CommittedLog {
  constructor(
    private readonly ctx: AppContext,
    private readonly executionId: string,
    private committed: number,
  ) {}

  /** A page after `afterSeq`; `full` when there may be more. */
  async read(afterSeq: number): Promise<{ readonly events: readonly ExecutionEvent[]; readonly full: boolean }> {
    const page = await this.ctx.events.read(this.executionId, afterSeq, PAGE);
    const full = page.length === PAGE;
    if (page.length === 0 || (page.at(-1) as ExecutionEvent).seq <= this.committed) return { events: page, full };
    this.committed = (await this.ctx.runtime.read(this.executionId)).seq;
    const events = page.filter((event) => event.seq <= this.committed);
    return { events, full: full && events.length === page.length };
  }
}

/**
 * Reads live events with a poll interval: a read that times out keeps its pending subscription read
 * for the next call, so no event is dropped between calls.
 */
class LiveReader {
  private inflight: Promise<ExecutionEvent | Lagged | null> | null = null;

  constructor(private readonly subscription: ReturnType<AppContext['hub']['subscribe']>) {}

  /** The next live event, or null when the poll interval passed without one. */
  next(ctx: AppContext, signal?: AbortSignal): Promise<ExecutionEvent | Lagged | null> {
    if (this.inflight === null) {
      const read = this.subscription.next();
      this.inflight = read;
      read.then(
        () => undefined,
        () => undefined,
      );
    }
    const inflight = this.inflight;
    return new Promise<ExecutionEvent | Lagged | null>((resolve, reject) => {
      if (signal?.aborted === true) return reject(transient('cancelled', 'the call was cancelled'));
      let settled = false;
      const finish = (): void => {
        settled = true;
        timer.cancel();
        signal?.removeEventListener('abort', onAbort);
      };
      const timer = ctx.timers.setTimeout(() => {
        if (settled) return;
        finish();
        resolve(null);
      }, ctx.watchPollMs);
      const onAbort = (): void => {
        if (settled) return;
        finish();
        reject(transient('cancelled', 'the call was cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      inflight.then(
        (event) => {
          if (this.inflight === inflight) this.inflight = null;
          if (settled) return;
          finish();
          resolve(event);
        },
        (error: unknown) => {
          if (this.inflight === inflight) this.inflight = null;
          if (settled) return;
          finish();
          reject(error);
        },
      );
    });
  }
}
