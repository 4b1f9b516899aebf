import { wallClockMs } from './timezone.js';

/**
 * An ISO-8601 date-time read from text: its wall-clock fields as epoch ms read as UTC, and its offset
 * when the text carries one (`Z` or `±hh[:mm]`), else null (a local time).
 */
export interface IsoDateTime {
  readonly wallClock: number;
  readonly offsetMs: number | null;
}

/** Why a text is not an ISO-8601 date-time; the words Elixir's `DateTime.from_iso8601` uses. */
export type IsoDateTimeProblem = 'invalid_format' | 'invalid_date' | 'invalid_time';

/**
 * Extended format only: `YYYY-MM-DD`, `T` (or `t` or a space), `hh:mm`, optional `:ss` with an optional
 * fraction (`.` or `,`, any number of digits, truncated to milliseconds), optional `Z`/`z`/`±hh`/`±hhmm`/`±hh:mm`.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Parses an ISO-8601 date-time (see the accepted grammar above) or says why it cannot. */
export function parseIsoDateTime(text: string): IsoDateTime | IsoDateTimeProblem {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return 'invalid_format';
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'invalid_date';
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return 'invalid_time';
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMs: number | null = null;
  if (zulu !== undefined) offsetMs = 0;
  else if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = om === undefined ? 0 : Number(om);
    if (offsetHours > 23 || offsetMinutes > 59) return 'invalid_format';
    offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return { wallClock: wallClockMs(year, month, day, hour, minute, second, ms), offsetMs };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
