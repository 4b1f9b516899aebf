// Contract: EventLog ordering, replace-on-same-seq, paging and isolation between executions.
import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import { LOOP, ODD_KEYS, SUSPENDING, eventsFor, runFixture } from './fixtures.js';
import { useStores, type StoreHarness } from './store-harness.js';

/** The EventLog contract. */
export function eventLogContract(harness: StoreHarness): void {
  describe('EventLog', () => {
    const stores = useStores(harness);

    it('reads back appended events in seq order, equal to what was appended', async () => {
      const run = await runFixture(LOOP, { id: 'ev-loop' });
      await stores().events.append(run.events, 1);
      const read = await stores().events.read('ev-loop', 0, 1000);
      expect(read).toEqual(run.events);
      expect(read.map((e) => e.seq)).toEqual(run.events.map((_, n) => n + 1));
    });

    it('round-trips event data with $ and dotted keys', async () => {
      const run = await runFixture(ODD_KEYS, { id: 'ev-odd', input: { 'a.b': { $gt: 1 } } });
      await stores().events.append(run.events, 1);
      expect(await stores().events.read('ev-odd', 0, 1000)).toEqual(run.events);
    });

    it('appends across several calls, as a run that suspends and resumes does', async () => {
      const run = await runFixture(SUSPENDING, { id: 'ev-resume' });
      const before = run.events.length;
      await stores().events.append(run.events, 1);
      await run.advanceAndWake(5000);
      await stores().events.append(run.events.slice(before), 1);
      expect(await stores().events.read('ev-resume', 0, 1000)).toEqual(run.events);
    });

    it('reads after a seq, at most limit events, so a reader can page through', async () => {
      const run = await runFixture(LOOP, { id: 'ev-page' });
      await stores().events.append(run.events, 1);
      expect(await stores().events.read('ev-page', 5, 3)).toEqual(run.events.slice(5, 8));
      const paged: ExecutionEvent[] = [];
      for (let after = 0; ;) {
        const page = await stores().events.read('ev-page', after, 4);
        if (page.length === 0) break;
        paged.push(...page);
        after = page[page.length - 1]!.seq;
      }
      expect(paged).toEqual(run.events);
      expect(await stores().events.read('ev-page', run.events.length, 10)).toEqual([]);
      expect(await stores().events.read('ev-page', 0, 0)).toEqual([]);
    });

    it('replaces the event when a seq is appended again, as a rerun after a crash does', async () => {
      const run = await runFixture(SUSPENDING, { id: 'ev-replace' });
      await stores().events.append(run.events, 1);
      const original = run.events[2]!;
      const replacement = {
        type: 'execution_cancelled',
        seq: original.seq,
        time: original.time + 7,
        executionId: 'ev-replace',
        reason: 'rerun',
        nodeKey: null,
      } as ExecutionEvent;
      await stores().events.append([replacement], 1);
      const read = await stores().events.read('ev-replace', 0, 1000);
      expect(read).toHaveLength(run.events.length);
      expect(read[2]).toEqual(replacement);
      expect(read.filter((_, n) => n !== 2)).toEqual(run.events.filter((_, n) => n !== 2));
    });

    it('replaces within one append too: the later of two events with one seq wins', async () => {
      const run = await runFixture(SUSPENDING, { id: 'ev-replace-batch' });
      const [first, second] = run.events as [ExecutionEvent, ExecutionEvent];
      await stores().events.append([first, second, { ...second, time: second.time + 1 }], 1);
      expect(await stores().events.read('ev-replace-batch', 0, 10)).toEqual([first, { ...second, time: second.time + 1 }]);
    });

    it('orders by seq whatever the append order, gaps included', async () => {
      const run = await runFixture(LOOP, { id: 'ev-order' });
      const picked = [run.events[9]!, run.events[2]!, run.events[5]!];
      await stores().events.append(picked, 1);
      expect((await stores().events.read('ev-order', 0, 10)).map((e) => e.seq)).toEqual([3, 6, 10]);
      expect((await stores().events.read('ev-order', 3, 10)).map((e) => e.seq)).toEqual([6, 10]);
    });

    it('keeps an event written by a later epoch when an earlier epoch appends its seq again (a fenced-off writer)', async () => {
      const run = await runFixture(SUSPENDING, { id: 'ev-epochs' });
      const [first, second, third] = run.events as [ExecutionEvent, ExecutionEvent, ExecutionEvent];
      await stores().events.append([first, second], 1);
      const newer = { ...second, time: second.time + 100 };
      await stores().events.append([newer], 3);
      await stores().events.append([{ ...second, time: second.time + 5 }, third], 2);
      expect(await stores().events.read('ev-epochs', 0, 10)).toEqual([first, newer, third]);
      const latest = { ...newer, time: newer.time + 1 };
      await stores().events.append([latest], 3);
      expect(await stores().events.read('ev-epochs', 0, 10)).toEqual([first, latest, third]);
    });

    it('keeps executions apart and reads nothing for an unknown one', async () => {
      const run = await runFixture(SUSPENDING, { id: 'ev-a' });
      await stores().events.append(run.events, 1);
      await stores().events.append(eventsFor(run.events.slice(0, 2), 'ev-b'), 1);
      expect(await stores().events.read('ev-a', 0, 100)).toHaveLength(run.events.length);
      expect(await stores().events.read('ev-b', 0, 100)).toEqual(eventsFor(run.events.slice(0, 2), 'ev-b'));
      expect(await stores().events.read('ev-unknown', 0, 100)).toEqual([]);
      await stores().events.append([], 1);
    });
  });
}
