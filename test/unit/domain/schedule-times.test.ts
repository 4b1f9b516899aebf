// The times of schedule specs: cron in a time zone (with both daylight-saving changes), intervals with
// an offset, start and end bounds, several specs at once, and jitter that is the same on every look.
import { describe, expect, it } from 'vitest';
import { normalizedCronPattern } from '../../../src/domain/cron-pattern.js';
import type { ScheduleSpec } from '../../../src/domain/schedule.js';
import { fireTimeOf, nextNominalAfter, timesBetween, upcomingTimes } from '../../../src/domain/schedule-times.js';

const spec = (more: Partial<ScheduleSpec>): ScheduleSpec => ({ cron: [], intervals: [], startAt: null, endAt: null, jitterMs: 0, ...more });
const cron = (expression: string, timezone = 'UTC'): ScheduleSpec => spec({ cron: [{ expression, timezone }] });
const iso = (times: readonly number[]): string[] => times.map((t) => new Date(t).toISOString());
const at = (text: string): number => Date.parse(text);

describe('cron times', () => {
  it.each([
    ['0 9 * * mon-fri', 'Europe/Berlin', '2026-12-04T10:00:00Z', ['2026-12-07T08:00:00.000Z', '2026-12-08T08:00:00.000Z']],
    ['0 9 * * 0,7', 'UTC', '2026-12-01T00:00:00Z', ['2026-12-06T09:00:00.000Z', '2026-12-13T09:00:00.000Z']],
    ['0 9 13 * 5', 'UTC', '2026-12-01T00:00:00Z', ['2026-12-04T09:00:00.000Z', '2026-12-11T09:00:00.000Z', '2026-12-13T09:00:00.000Z']],
    ['0 0 1-10/3 jan *', 'UTC', '2026-12-01T00:00:00Z', ['2027-01-01T00:00:00.000Z', '2027-01-04T00:00:00.000Z']],
    ['*/7 * * * *', 'UTC', '2026-12-01T00:50:00Z', ['2026-12-01T00:56:00.000Z', '2026-12-01T01:00:00.000Z']],
    // Spring forward in New York (02:00 → 03:00 on 8 March 2026): 02:30 fires at 03:30 EDT.
    ['30 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', ['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']],
    // Fall back (02:00 → 01:00 on 1 November 2026): 01:30 fires once, at the first (EDT) one.
    ['30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']],
    // Every half hour fires at every real half hour across the repeated hour.
    ['*/30 * * * *', 'Europe/Berlin', '2026-10-25T00:10:00Z', ['2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z']],
  ])('%s in %s after %s', (expression, timezone, after, expected) => {
    expect(iso(upcomingTimes(cron(expression, timezone), at(after), expected.length))).toEqual(expected);
  });

  it('is strictly after the given time, and null for an expression that names no date', () => {
    expect(iso([nextNominalAfter(cron('0 9 * * *'), at('2026-12-01T09:00:00Z')) as number])).toEqual(['2026-12-02T09:00:00.000Z']);
    expect(nextNominalAfter(cron('0 0 30 2 *'), at('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('normalized cron patterns', () => {
  it.each([
    ['0 9 * * 0,7', '0 9 * * 0'],
    ['0 9 * * SUN,mon-wed,1', '0 9 * * 0,1,2,3'],
    ['*/15 1-3,2 * JAN-MAR *', '*/15 1,2,3 * 1,2,3 *'],
    ['5 0-10/5 * * 7', '5 0,5,10 * * 0'],
  ])('%s reads as %s', (pattern, normalized) => {
    expect(normalizedCronPattern(pattern)).toBe(normalized);
  });

  it('is null for an invalid pattern', () => {
    expect(normalizedCronPattern('61 * * * *')).toBeNull();
  });
});

describe('interval times, bounds and several specs', () => {
  it('counts from the epoch with the offset', () => {
    const every15 = spec({ intervals: [{ everyMs: 900_000, offsetMs: 60_000 }] });
    expect(iso(upcomingTimes(every15, at('2026-12-01T00:01:00Z'), 3))).toEqual([
      '2026-12-01T00:16:00.000Z',
      '2026-12-01T00:31:00.000Z',
      '2026-12-01T00:46:00.000Z',
    ]);
  });

  it('takes the union of cron and interval times, each once', () => {
    const both = spec({ cron: [{ expression: '0 * * * *', timezone: 'UTC' }], intervals: [{ everyMs: 1_800_000, offsetMs: 0 }] });
    expect(iso(upcomingTimes(both, at('2026-12-01T00:00:00Z'), 3))).toEqual([
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T01:00:00.000Z',
      '2026-12-01T01:30:00.000Z',
    ]);
  });

  it('starts at the start time and ends at the end time (both inclusive)', () => {
    const bounded = spec({ intervals: [{ everyMs: 600_000, offsetMs: 0 }], startAt: at('2026-12-01T00:20:00Z'), endAt: at('2026-12-01T00:40:00Z') });
    expect(iso(upcomingTimes(bounded, at('2026-12-01T00:00:00Z'), 10))).toEqual([
      '2026-12-01T00:20:00.000Z',
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T00:40:00.000Z',
    ]);
    expect(iso(timesBetween(bounded, at('2026-12-01T00:25:00Z'), at('2026-12-01T02:00:00Z'), 10))).toEqual([
      '2026-12-01T00:30:00.000Z',
      '2026-12-01T00:40:00.000Z',
    ]);
    expect(timesBetween(bounded, 0, at('2026-12-02T00:00:00Z'), 2)).toHaveLength(2);
  });
});

describe('jitter', () => {
  it('is within [0, jitter], fixed per schedule and tick, and spread', () => {
    const ticks = Array.from({ length: 50 }, (_, i) => at('2026-12-01T00:00:00Z') + i * 3_600_000);
    const delays = ticks.map((t) => fireTimeOf('default/s/1', 60_000, t) - t);
    expect(ticks.map((t) => fireTimeOf('default/s/1', 60_000, t) - t)).toEqual(delays);
    for (const delay of delays) expect(delay >= 0 && delay <= 60_000).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(40);
    expect(ticks.map((t) => fireTimeOf('default/other/1', 60_000, t) - t)).not.toEqual(delays);
    expect(fireTimeOf('default/s/1', 0, ticks[0] as number)).toBe(ticks[0]);
  });
});
