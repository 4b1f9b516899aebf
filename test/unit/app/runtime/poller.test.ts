import { describe, expect, it } from 'vitest';
import type { DueWake, ExecutionStore } from '../../../../src/app/ports/execution-store.js';
import { WakePoller } from '../../../../src/app/runtime/poller.js';
import { FakeTime } from '../../../support/fake-time.js';

const INTERVAL = 1000;

/** The three store queries the poller makes, answered from lists the test sets. */
class PolledStore {
  due: DueWake[] = [];
  orphans: string[] = [];
  readonly dueAsked: Array<{ until: number; now: number }> = [];
  readonly collected: number[] = [];
  failDue = false;

  asStore(): ExecutionStore {
    return {
      due: async (until: number, now: number) => {
        this.dueAsked.push({ until, now });
        if (this.failDue) throw new Error('store down');
        return this.due.filter((w) => w.at <= until);
      },
      orphaned: async () => this.orphans,
      collectGarbage: async (writtenBefore: number) => {
        this.collected.push(writtenBefore);
        return 0;
      },
    } as unknown as ExecutionStore;
  }
}

function poller(store: PolledStore, time: FakeTime) {
  const looked: string[] = [];
  const armed: Array<[string, number]> = [];
  const errors: string[] = [];
  const swept: number[] = [];
  const wakePoller = new WakePoller(
    store.asStore(),
    { look: async (id) => looked.push(id), arm: (id, at) => armed.push([id, at]), sweep: async (now) => swept.push(now) },
    time,
    time,
    INTERVAL,
    (_error, context) => errors.push(context),
  );
  return { wakePoller, looked, armed, errors, swept };
}

describe('WakePoller', () => {
  it('looks at once at what is due or orphaned, each once, and arms timers for what comes within two intervals', async () => {
    const time = new FakeTime(100_000);
    const store = new PolledStore();
    store.due = [
      { id: 'due', at: 99_000 },
      { id: 'both', at: 100_000 },
      { id: 'soon', at: 101_500 },
    ];
    store.orphans = ['orphan', 'both'];
    const { wakePoller, looked, armed } = poller(store, time);
    expect(await wakePoller.poll()).toBe(3);
    expect(looked.sort()).toEqual(['both', 'due', 'orphan']);
    expect(armed).toEqual([['soon', 101_500]]);
    expect(store.dueAsked).toEqual([{ until: 100_000 + 2 * INTERVAL, now: 100_000 }]);
  });

  it('polls every interval once started, and not after stop', async () => {
    const time = new FakeTime(0);
    const store = new PolledStore();
    const { wakePoller } = poller(store, time);
    wakePoller.start();
    await time.advance(3 * INTERVAL);
    expect(store.dueAsked.map((q) => q.now)).toEqual([1000, 2000, 3000]);
    wakePoller.stop();
    await time.advance(3 * INTERVAL);
    expect(store.dueAsked).toHaveLength(3);
  });

  it('collects garbage and sweeps retention once a minute, not every pass', async () => {
    const time = new FakeTime(0);
    const store = new PolledStore();
    const { wakePoller, swept } = poller(store, time);
    wakePoller.start();
    await time.advance(61 * INTERVAL);
    expect(swept).toEqual([60_000]);
    expect(store.collected).toEqual([60_000 - 3_600_000]);
    wakePoller.stop();
  });

  it('reports a failed pass and keeps polling', async () => {
    const time = new FakeTime(0);
    const store = new PolledStore();
    store.failDue = true;
    const { wakePoller, errors } = poller(store, time);
    wakePoller.start();
    await time.advance(2 * INTERVAL);
    expect(errors).toEqual(['poll', 'poll']);
    wakePoller.stop();
  });

  it('reports a look that fails without stopping the others', async () => {
    const time = new FakeTime(0);
    const store = new PolledStore();
    store.orphans = ['bad', 'good'];
    const looked: string[] = [];
    const errors: string[] = [];
    const wakePoller = new WakePoller(
      store.asStore(),
      {
        look: async (id) => {
          if (id === 'bad') throw new Error('x');
          looked.push(id);
        },
        arm: () => undefined,
        sweep: async () => undefined,
      },
      time,
      time,
      INTERVAL,
      (_error, context) => errors.push(context),
    );
    await wakePoller.poll();
    expect(looked).toEqual(['good']);
    expect(errors).toEqual(['look at bad']);
  });

  it('collects outputs of writes that never committed once a minute, an hour after they were written', async () => {
    const time = new FakeTime(10_000_000);
    const store = new PolledStore();
    const { wakePoller } = poller(store, time);
    await wakePoller.poll();
    await time.advance(30_000);
    await wakePoller.poll();
    await time.advance(30_000);
    await wakePoller.poll();
    expect(store.collected).toEqual([10_000_000 - 3_600_000, 10_060_000 - 3_600_000]);
  });

  it('stops only once the pass in progress has finished, so the store is not closed under it', async () => {
    const time = new FakeTime(100_000);
    const store = new PolledStore();
    store.due = [{ id: 'slow', at: 99_000 }];
    let finishLook: () => void = () => undefined;
    const looking = new Promise<void>((resolve) => (finishLook = resolve));
    let lookStarted = false;
    const wakePoller = new WakePoller(
      store.asStore(),
      {
        look: async () => {
          lookStarted = true;
          await looking;
        },
        arm: () => undefined,
        sweep: async () => undefined,
      },
      time,
      time,
      INTERVAL,
      () => undefined,
    );
    wakePoller.start();
    await time.advance(INTERVAL);
    expect(lookStarted).toBe(true);
    let stopped = false;
    const stopping = wakePoller.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    finishLook();
    await stopping;
    expect(stopped).toBe(true);
    // No pass starts after stop.
    const asked = store.dueAsked.length;
    await time.advance(5 * INTERVAL);
    expect(store.dueAsked.length).toBe(asked);
  });
});
