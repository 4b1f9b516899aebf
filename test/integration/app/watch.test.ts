// How a watch stream keeps up with its execution: a reader that takes events as fast as they come is
// never cut off, however large one engine step is; a reader that stops taking events while later
// steps publish is cut off with subscriber_too_slow and can reconnect from its last seq.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/app/app-error.js';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { testApp } from './app-fixture.js';

const QUEUE = 4;

/** start → wait (webhook) → a1…aN, then (when `pause`) → pause (interval 1 s) → b1…bN. */
function chains(length: number, pause: boolean): WorkflowDefinition {
  const keys = [
    'start',
    'wait',
    ...Array.from({ length }, (_, i) => `a${i + 1}`),
    ...(pause ? ['pause', ...Array.from({ length }, (_, i) => `b${i + 1}`)] : []),
  ];
  const type = (key: string): WorkflowDefinition['nodes'][number] => {
    if (key === 'start') return { key, type: 'manual.trigger' };
    if (key === 'wait') return { key, type: 'wait.wait', params: { mode: 'webhook' } };
    if (key === 'pause') return { key, type: 'wait.wait', params: { mode: 'interval', duration: 1, unit: 'seconds' } };
    return { key, type: 'data.set_data', params: { mapping_map: { step: key } } };
  };
  return {
    id: `chains-${length}-${String(pause)}`,
    name: 'chains',
    nodes: keys.map(type),
    connections: keys.slice(1).map((to, i) => ({ from: keys[i] as string, to })),
  };
}

describe('a watch stream and its pace', () => {
  it('never cuts off a reader that takes events as they come, however many one step publishes (regression)', async () => {
    const t = testApp(undefined, { subscriberQueue: QUEUE, maxWatchLag: QUEUE });
    const graphId = await t.compile(chains(50, false));
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const id = view.execution.id;
    const stream = t.app.watchExecution(id, view.execution.seq);
    const seen: ExecutionEvent[] = [];
    const reading = (async () => {
      for await (const event of stream) seen.push(event);
    })();
    await t.app.resume({ target: { kind: 'node', executionId: id, nodeKey: 'wait' }, data: {}, wait: 'none' });
    await reading;
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 103 }, (_, i) => view.execution.seq + 1 + i));
    expect(seen.at(-1)?.type).toBe('execution_completed');
  });

  it('cuts off a reader that stopped taking events while later steps publish; it reconnects from its last seq', async () => {
    const t = testApp(undefined, { subscriberQueue: QUEUE, maxWatchLag: QUEUE });
    const graphId = await t.compile(chains(10, true));
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const id = view.execution.id;
    const stream = t.app.watchExecution(id, view.execution.seq);
    // The reader waits for the first event, then stops reading.
    const first = stream.next();
    await t.app.resume({ target: { kind: 'node', executionId: id, nodeKey: 'wait' }, data: {}, wait: 'none' });
    const seen: ExecutionEvent[] = [(await first).value as ExecutionEvent];
    // The step the reader waited for was handed to it whole; the next one, after the pause, overflows.
    await t.time.advance(1000);
    expect((await t.app.getExecution(id)).execution.status).toBe('completed');
    let error: unknown;
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done === true) break;
        seen.push(next.value);
      }
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'resource_exhausted', reason: 'subscriber_too_slow', metadata: { limit: String(QUEUE) } });
    const last = seen.at(-1)?.seq as number;
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: last - view.execution.seq }, (_, i) => view.execution.seq + 1 + i));
    const rest: ExecutionEvent[] = [];
    for await (const event of t.app.watchExecution(id, last)) rest.push(event);
    const total = (await t.app.getExecution(id)).execution.seq;
    expect(rest.map((e) => e.seq)).toEqual(Array.from({ length: total - last }, (_, i) => last + 1 + i));
  });

  it('hands out only events the execution committed, never a tentative one a stopped writer left in the log', async () => {
    const t = testApp();
    const graphId = await t.compile(chains(1, false));
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const id = view.execution.id;
    // A writer of an older lease epoch appended seq 7 and stopped before writing the execution.
    const stale = {
      seq: view.execution.seq + 1,
      time: t.time.now(),
      executionId: id,
      type: 'execution_cancelled',
      reason: 'never happened',
      nodeKey: null,
    } as ExecutionEvent;
    await t.stores.events.append([stale], 0);
    const seen: ExecutionEvent[] = [];
    const reading = (async () => {
      for await (const event of t.app.watchExecution(id, 0)) seen.push(event);
    })();
    await t.app.resume({ target: { kind: 'node', executionId: id, nodeKey: 'wait' }, data: {}, wait: 'none' });
    await reading;
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(seen.find((e) => e.seq === stale.seq)?.type).toBe('execution_resumed');
    expect(seen.some((e) => e.type === 'execution_cancelled')).toBe(false);
  });
});
