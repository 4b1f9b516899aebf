import type { ExecutionEvent } from '../../domain/events.js';
import type { EventLog } from '../../app/ports/event-log.js';

/** One execution's log: events sorted by seq, with the writer epoch of each. */
interface Log {
  readonly events: ExecutionEvent[];
  readonly epochs: number[];
}

/**
 * Event logs kept in process memory: per execution, the events sorted by seq. Events are immutable
 * values (the engine builds each one once and never changes it), so they are kept as they are.
 * Appending an existing seq replaces it unless a later epoch wrote it; seqs need not be contiguous.
 */
export class MemoryEventLog implements EventLog {
  private readonly logs = new Map<string, Log>();

  async append(events: readonly ExecutionEvent[], epoch: number): Promise<void> {
    for (const event of events) {
      let log = this.logs.get(event.executionId);
      if (log === undefined) {
        log = { events: [], epochs: [] };
        this.logs.set(event.executionId, log);
      }
      const at = firstAtOrAfter(log.events, event.seq);
      if (at === log.events.length) {
        log.events.push(event);
        log.epochs.push(epoch);
      } else if ((log.events[at] as ExecutionEvent).seq === event.seq) {
        if ((log.epochs[at] as number) > epoch) continue;
        log.events[at] = event;
        log.epochs[at] = epoch;
      } else {
        log.events.splice(at, 0, event);
        log.epochs.splice(at, 0, epoch);
      }
    }
  }

  async removeAll(executionId: string): Promise<void> {
    this.logs.delete(executionId);
  }

  async read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    const log = this.logs.get(executionId)?.events;
    if (log === undefined || limit <= 0) return [];
    const from = firstAtOrAfter(log, Math.floor(afterSeq) + 1);
    return log.slice(from, from + limit);
  }
}

/** Index of the first event with seq ≥ `seq` (binary search; appends usually land at the end). */
function firstAtOrAfter(log: readonly ExecutionEvent[], seq: number): number {
  const last = log[log.length - 1];
  if (last === undefined || last.seq < seq) return log.length;
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log[mid] as ExecutionEvent).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
