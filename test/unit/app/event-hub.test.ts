import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import { EventHub, Lagged } from '../../../src/app/event-hub.js';

function event(seq: number, executionId = 'e1'): ExecutionEvent {
  return { type: 'execution_resumed', executionId, seq, time: seq, reason: 'resume' } as unknown as ExecutionEvent;
}

const seqs = (events: readonly ExecutionEvent[]): number[] => events.map((e) => e.seq);

describe('EventHub', () => {
  it('hands a subscriber the events published for its execution only, in order', async () => {
    const hub = new EventHub(10);
    const sub = hub.subscribe('e1');
    hub.publish(event(1));
    hub.publish(event(1, 'other'));
    hub.publish(event(2));
    expect(((await sub.next()) as ExecutionEvent).seq).toBe(1);
    expect(((await sub.next()) as ExecutionEvent).seq).toBe(2);
  });

  it('gives a new subscriber the events not yet persisted, and forgets them once persisted', () => {
    const hub = new EventHub(10);
    hub.publish(event(1));
    hub.publish(event(2));
    hub.publish(event(3));
    hub.persisted('e1', 2);
    expect(seqs(hub.subscribe('e1').pending)).toEqual([3]);
    hub.persisted('e1', 3);
    expect(hub.subscribe('e1').pending).toEqual([]);
  });

  it('tells a subscriber that was not reading to catch up once its queue overflows, with the last seq it was handed', async () => {
    const hub = new EventHub(3);
    const sub = hub.subscribe('e1');
    for (let seq = 1; seq <= 5; seq++) hub.publish(event(seq));
    const notice = await sub.next();
    expect(notice).toBeInstanceOf(Lagged);
    expect((notice as Lagged).handed).toBe(3);
    expect(seqs((notice as Lagged).pending)).toEqual([1, 2, 3, 4, 5]);
    hub.publish(event(6));
    expect(((await sub.next()) as ExecutionEvent).seq).toBe(6);
  });

  it('hands a subscriber that was waiting the whole burst of one step, however long', async () => {
    const hub = new EventHub(3);
    const sub = hub.subscribe('e1');
    const first = sub.next();
    for (let seq = 1; seq <= 50; seq++) hub.publish(event(seq));
    const got = [((await first) as ExecutionEvent).seq];
    for (let i = 0; i < 49; i++) got.push(((await sub.next()) as ExecutionEvent).seq);
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('bounds the queue again after the burst’s turn', async () => {
    const hub = new EventHub(3);
    const sub = hub.subscribe('e1');
    const first = sub.next();
    hub.publish(event(1));
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    for (let seq = 2; seq <= 6; seq++) hub.publish(event(seq));
    expect(await sub.next()).toBeInstanceOf(Lagged);
  });

  it('ends a closed subscription with null and stops watching the execution', async () => {
    const hub = new EventHub(10);
    const sub = hub.subscribe('e1');
    expect(hub.watched('e1')).toBe(true);
    const waiting = sub.next();
    sub.close();
    expect(await waiting).toBeNull();
    expect(await sub.next()).toBeNull();
    expect(hub.watched('e1')).toBe(false);
  });
});
