import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMER_HORIZON_MS, WakeScheduler } from '../../../../src/app/runtime/wake-scheduler.js';
import { FakeTime } from '../../../support/fake-time.js';

function scheduler(): { time: FakeTime; looked: string[]; wakes: WakeScheduler } {
  const time = new FakeTime(1_000_000);
  const looked: string[] = [];
  return { time, looked, wakes: new WakeScheduler(time, time, (id) => looked.push(`${id}@${time.now()}`)) };
}

describe('WakeScheduler', () => {
  it('looks at each execution at its time, in time order', async () => {
    const { time, looked, wakes } = scheduler();
    wakes.schedule('b', 1_000_200);
    wakes.schedule('a', 1_000_100);
    expect(wakes.armedAt('a')).toBe(1_000_100);
    await time.advance(500);
    expect(looked).toEqual(['a@1000100', 'b@1000200']);
    expect(wakes.armedAt('a')).toBeUndefined();
  });

  it('keeps one timer per execution: a new time replaces the old one', async () => {
    const { time, looked, wakes } = scheduler();
    wakes.schedule('a', 1_000_100);
    wakes.schedule('a', 1_000_300);
    await time.advance(1000);
    expect(looked).toEqual(['a@1000300']);
  });

  it('looks at once at a time already past', async () => {
    const { time, looked, wakes } = scheduler();
    wakes.schedule('a', 10);
    await time.advance(0);
    expect(looked).toEqual(['a@1000000']);
  });

  it('waits again when its timer fires before the clock reads the time', async () => {
    const time = new FakeTime(1_000_000);
    const looked: string[] = [];
    const early = { setTimeout: (callback: () => void, ms: number) => time.setTimeout(callback, ms > 1 ? ms - 1 : ms) };
    const wakes = new WakeScheduler(time, early, (id) => looked.push(`${id}@${time.now()}`));
    wakes.schedule('a', 1_000_100);
    await time.advance(99);
    expect(looked).toEqual([]);
    expect(wakes.armedAt('a')).toBe(1_000_100);
    await time.advance(1);
    expect(looked).toEqual(['a@1000100']);
  });

  it('leaves wake-ups beyond the horizon to the poller', async () => {
    const { time, looked, wakes } = scheduler();
    wakes.schedule('far', 1_000_000 + IN_PROCESS_TIMER_HORIZON_MS + 1);
    wakes.schedule('near', 1_000_000 + IN_PROCESS_TIMER_HORIZON_MS);
    expect(wakes.armedAt('far')).toBeUndefined();
    await time.advance(IN_PROCESS_TIMER_HORIZON_MS + 10);
    expect(looked).toEqual([`near@${1_000_000 + IN_PROCESS_TIMER_HORIZON_MS}`]);
  });

  it('fires nothing once cancelled or stopped, and arms nothing after stop', async () => {
    const { time, looked, wakes } = scheduler();
    wakes.schedule('a', 1_000_100);
    wakes.schedule('b', 1_000_100);
    wakes.cancel('a');
    wakes.stop();
    wakes.schedule('c', 1_000_100);
    await time.advance(1000);
    expect(looked).toEqual([]);
    expect(wakes.armedAt('c')).toBeUndefined();
  });
});
