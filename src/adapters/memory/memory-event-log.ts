import type { ExecutionEvent } from '../../domain/events.js';
import type { EventLog } from '../../app/ports/event-log.js';

/** Event logs kept in process memory, one array per execution indexed by seq − 1. */
export class MemoryEventLog implements EventLog {
  private readonly logs = new Map<string, ExecutionEvent[]>();

  async append(events: readonly ExecutionEvent[]): Promise<void> {
    for (const event of events) {
      let log = this.logs.get(event.executionId);
      if (log === undefined) {
        log = [];
        this.logs.set(event.executionId, log);
      }
      const index = event.seq - 1;
      if (index > log.length) throw new Error(`event seq ${event.seq} of ${event.executionId} leaves a gap after ${log.length}`);
      log[index] = event;
    }
  }

  async read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    const log = this.logs.get(executionId);
    if (log === undefined) return [];
    return log.slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + limit);
  }
}
