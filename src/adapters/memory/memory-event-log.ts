import type { ExecutionEvent } from '../../domain/events.js';
import type { EventLog } from '../../app/ports/event-log.js';

/**
 * Event logs kept in process memory: per execution, the events sorted by seq. Events are immutable
 * values (the engine builds each one once and never changes it), so they are kept as they are.
 * Appending an existing seq replaces it; seqs need not be contiguous.
 */
export class MemoryEventLog implements EventLog {
  private readonly logs = new Map<string, ExecutionEvent[]>();

  async append(events: readonly ExecutionEvent[]): Promise<void> {
    for (const event of events) {
      let log = this.logs.get(event.executionId);
      if (log === undefined) {
        log = [];
        this.logs.set(event.executionId, log);
      }
      const at = firstAtOrAfter(log, event.seq);
      if (at === log.length) log.push(event);
      else if ((log[at] as ExecutionEvent).seq === event.seq) log[at] = event;
      else log.splice(at, 0, event);
    }
  }

  async read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    const log = this.logs.get(executionId);
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
