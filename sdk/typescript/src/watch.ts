import type { ClientReadableStream } from '@grpc/grpc-js';
import type { PranaClient } from './client.js';
import { errorOf, reconnectable } from './errors.js';
import type { ExecutionEvent } from './gen/prana/v1/events.js';
import type { WatchExecutionResponse } from './gen/prana/v1/execution_service.js';

const TERMINAL = new Set(['executionCompleted', 'executionFailed', 'executionCancelled']);

/**
 * The events of an execution after `afterSeq`, in seq order, until the terminal one. When the stream
 * breaks (a replica stops, the network drops, or the stream fell too far behind and was cut off with
 * `subscriber_too_slow`) it reconnects after the last seq it yielded, so every event comes once.
 * A refusal (NOT_FOUND, PERMISSION_DENIED, …) throws its PranaError. Breaking out of the loop, or
 * aborting `signal`, cancels the stream.
 */
export async function* watchExecution(client: PranaClient, executionId: string, afterSeq = 0, signal?: AbortSignal): AsyncGenerator<ExecutionEvent> {
  let last = afterSeq;
  let backoffMs = 100;
  for (;;) {
    const stream: ClientReadableStream<WatchExecutionResponse> = client.executions.watchExecution({ executionId, afterSeq: String(last) });
    const cancel = (): void => stream.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      for await (const message of stream as AsyncIterable<WatchExecutionResponse>) {
        const event = message.event;
        if (event === undefined || Number(event.seq) <= last) continue;
        last = Number(event.seq);
        backoffMs = 100;
        yield event;
        if (event.event !== undefined && TERMINAL.has(event.event.$case)) return;
      }
      return;
    } catch (error) {
      if (signal?.aborted === true) return;
      const failure = errorOf(error);
      if (!reconnectable(failure)) throw failure;
    } finally {
      signal?.removeEventListener('abort', cancel);
      stream.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, backoffMs));
    backoffMs = Math.min(backoffMs * 2, 5000);
  }
}
