import type { ExecutionEvent } from '../../domain/events.js';
import type { EventLog } from '../../app/ports/event-log.js';

/**
 * Event logs kept in process memory: per execution, events as JSON text (snapshots, as in MongoDB)
 * sorted by seq. Appending an existing seq replaces it; seqs need not be contiguous.
 */
export class MemoryEventLog implements EventLog {
  private readonly logs = new Map<string, { seq: number; text: string }[]>();

  async append(events: readonly ExecutionEvent[]): Promise<void> {
    for (const event of events) {
      let log = this.logs.get(event.executionId);
      if (log === undefined) {
        log = [];
        this.logs.set(event.executionId, log);
      }
      const entry = { seq: event.seq, text: JSON.stringify(event) };
      const at = firstAtOrAfter(log, event.seq);
      if (log[at]?.seq === event.seq) log[at] = entry;
      else log.splice(at, 0, entry);
    }
  }

  async read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    const log = this.logs.get(executionId);
    if (log === undefined || limit <= 0) return [];
    const from = firstAtOrAfter(log, Math.floor(afterSeq) + 1);
    return log.slice(from, from + limit).map((entry) => JSON.parse(entry.text) as ExecutionEvent);
  }
}

/** Index of the first entry with seq ≥ `seq` (binary search; appends usually land at the end). */
function firstAtOrAfter(log: readonly { seq: number }[], seq: number): number {
  const last = log[log.length - 1];
  if (last === undefined || last.seq < seq) return log.length;
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log[mid] as { seq: number }).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
