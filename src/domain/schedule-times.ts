import { createHash } from 'node:crypto';
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { normalizedCronPattern } from './cron-pattern.js';
import type { CronSpec, IntervalSpec, ScheduleSpec } from './schedule.js';

/**
 * The times a schedule spec names. Cron times come from cron-parser, which reads an expression in its
 * time zone by the same rule as local times everywhere in the service: on the day a daylight-saving
 * change skips a wall-clock time, a tick set inside the gap fires once, moved forward by the gap's
 * length (02:30 on a spring-forward day fires at 03:30 local); on the day a change repeats an hour, a
 * tick set inside it fires once, at its first (earlier) occurrence.
 */

/** Parsed expressions by zone and text, kept for reuse (a schedule's times are computed at every tick). */
const parsed = new Map<string, CronExpression | null>();
const PARSED_KEPT = 1000;

function parsedCron(spec: CronSpec): CronExpression | null {
  const key = `${spec.timezone}\u0000${spec.expression}`;
  let expression = parsed.get(key);
  if (expression === undefined) {
    try {
      expression = CronExpressionParser.parse(normalizedCronPattern(spec.expression) ?? spec.expression, { tz: spec.timezone });
    } catch {
      expression = null;
    }
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(key, expression);
  }
  return expression;
}

/** The first time of the cron spec strictly after `after`, or null (an expression naming no date, such as 30 February). */
function nextCron(spec: CronSpec, after: number): number | null {
  const expression = parsedCron(spec);
  if (expression === null) return null;
  try {
    expression.reset(new Date(after));
    return expression.next().getTime();
  } catch {
    return null;
  }
}

/** The first time of the interval strictly after `after`. */
function nextInterval(spec: IntervalSpec, after: number): number {
  const k = Math.floor((after - spec.offsetMs) / spec.everyMs) + 1;
  return k * spec.everyMs + spec.offsetMs;
}

/** The first time the spec names strictly after `after` (and at or after its start), or null when none is left before its end. */
export function nextNominalAfter(spec: ScheduleSpec, after: number): number | null {
  const from = spec.startAt !== null && after < spec.startAt ? spec.startAt - 1 : after;
  let best: number | null = null;
  for (const cron of spec.cron) {
    const t = nextCron(cron, from);
    if (t !== null && (best === null || t < best)) best = t;
  }
  for (const interval of spec.intervals) {
    const t = nextInterval(interval, from);
    if (best === null || t < best) best = t;
  }
  if (best === null || (spec.endAt !== null && best > spec.endAt)) return null;
  return best;
}

/** The spec's next `count` times strictly after `after`. */
export function upcomingTimes(spec: ScheduleSpec, after: number, count: number): number[] {
  const times: number[] = [];
  let at = after;
  while (times.length < count) {
    const next = nextNominalAfter(spec, at);
    if (next === null) break;
    times.push(next);
    at = next;
  }
  return times;
}

/** The spec's times within [from, to], at most `limit` of them (a backfill's ticks). */
export function timesBetween(spec: ScheduleSpec, from: number, to: number, limit: number): number[] {
  const times: number[] = [];
  let next = nextNominalAfter(spec, from - 1);
  while (next !== null && next <= to && times.length < limit) {
    times.push(next);
    next = nextNominalAfter(spec, next);
  }
  return times;
}

/**
 * When the tick of `nominal` fires: its nominal time plus a jitter derived from the schedule and the
 * tick, so every replica (and every retry) computes the same time.
 */
export function fireTimeOf(scheduleKey: string, jitterMs: number, nominal: number): number {
  if (jitterMs <= 0) return nominal;
  const hash = createHash('sha256').update(`${scheduleKey}\u0000${nominal}`).digest();
  return nominal + (hash.readUInt32BE(0) % (jitterMs + 1));
}
