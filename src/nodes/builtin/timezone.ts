/**
 * IANA time zones through `Intl`: name checks, UTC offsets, and local wall times read in a zone.
 *
 * DST rule for local wall times (the same as Temporal's `disambiguation: "compatible"`):
 * * a time that occurs twice (the overlap when clocks go back) is the **earlier** instant, i.e. read
 *   with the offset in force before the transition;
 * * a time that does not occur (the gap when clocks go forward) is read with the offset in force
 *   **before** the gap, which moves it forward by the gap's length (02:30 in a 1-hour spring-forward
 *   gap becomes 03:30 in the new offset).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** IANA names start with a letter; this excludes offset forms such as "+05:00" that newer Intl accepts. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Formatters of known-valid zones; only valid names are cached, so the map stays small. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(zone);
  if (cached !== undefined) return cached;
  if (zone.length > 64 || !ZONE_NAME.test(zone)) return null;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  formatters.set(zone, formatter);
  return formatter;
}

/** True when the name is an IANA time zone known to the runtime (case-insensitive, as `Intl` matches). */
export function isIanaTimeZone(name: string): boolean {
  return formatterFor(name) !== null;
}

/** Epoch ms of a wall-clock time read as if it were UTC; handles years 0–99 without the 1900 shift. */
export function wallClockMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The zone's UTC offset in ms at an instant (local wall time minus UTC). Throws for an unknown zone. */
export function zoneOffsetMs(zone: string, instant: number): number {
  const formatter = formatterFor(zone);
  if (formatter === null) throw new RangeError(`unknown timezone: ${zone}`);
  const fields: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(instant))) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const local = wallClockMs(year, Number(fields.month), Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return local - wholeSecond;
}

/**
 * The instant at which a zone's clocks show a wall time (given as epoch ms read as UTC, see
 * `wallClockMs`). Gaps and overlaps follow the DST rule in this file's header.
 */
export function localTimeToInstant(zone: string, wallClock: number): number {
  const before = zoneOffsetMs(zone, wallClock - DAY_MS);
  const after = zoneOffsetMs(zone, wallClock + DAY_MS);
  const candidates = before === after ? [wallClock - before] : [wallClock - before, wallClock - after];
  const valid = candidates.filter((instant) => instant + zoneOffsetMs(zone, instant) === wallClock);
  if (valid.length > 0) return Math.min(...valid);
  return wallClock - before;
}
