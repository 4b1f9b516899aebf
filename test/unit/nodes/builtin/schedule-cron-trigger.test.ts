import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../src/domain/json.js';
import { isValidCronPattern } from '../../../../src/domain/cron-pattern.js';
import { scheduleCronTriggerNode } from '../../../../src/nodes/builtin/schedule-cron-trigger.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { isIanaTimeZone } from '../../../../src/nodes/builtin/timezone.js';
import { runContext } from './suspending-context.js';

describe('isValidCronPattern', () => {
  const valid: readonly string[] = [
    '* * * * *',
    '0 0 * * *',
    '59 23 31 12 7',
    '0 0 1 1 0',
    '*/5 * * * *',
    '0-30/10 * * * *',
    '15,45 * * * *',
    '1-5,10-20/2,*/15,59 * * * *',
    '0 9-17 * * 1-5',
    '0 9 * * MON-FRI',
    '0 9 * * mon-fri',
    '0 9 * * Sun',
    '0 9 * * 5-7',
    '0 9 * * SAT,SUN',
    '0 9 * * 0,7',
    '0 0 1 JAN *',
    '0 0 1 jan,Jul,DEC *',
    '0 0 1 MAR-SEP/2 *',
    '0 0 1 1-DEC *',
    '0 0 * 12 *',
    '00 05 01 01 *',
    '*/59 */23 */31 */12 */7',
    '5-5 * * * *',
    '*/15,5 * * * *',
    '  0 0 * * *  ',
    '0\t0  *   * *',
  ];

  it.each(valid)('accepts %j', (pattern) => {
    expect(isValidCronPattern(pattern)).toBe(true);
  });

  const invalid: ReadonlyArray<readonly [string, string]> = [
    ['', 'no fields'],
    ['* * * *', 'four fields'],
    ['* * * * * *', 'six fields (seconds)'],
    ['0 0 1 1 * 2025', 'six fields (year)'],
    ['60 * * * *', 'minute above 59'],
    ['* 24 * * *', 'hour above 23'],
    ['* * 0 * *', 'day of month 0'],
    ['* * 32 * *', 'day of month above 31'],
    ['* * * 0 *', 'month 0'],
    ['* * * 13 *', 'month above 12'],
    ['* * * * 8', 'weekday above 7'],
    ['-1 * * * *', 'negative number'],
    ['*/0 * * * *', 'step 0'],
    ['*/60 * * * *', 'step above the field bound'],
    ['* * * * */8', 'weekday step above 7'],
    ['5/15 * * * *', 'step on a single value'],
    ['*/ * * * *', 'empty step'],
    ['*/x * * * *', 'step not a number'],
    ['*/MON * * * *', 'step as a name'],
    ['1-5/2/3 * * * *', 'two steps'],
    ['10-5 * * * *', 'reversed range'],
    ['* * * * SAT-SUN', 'reversed weekday range'],
    ['1- * * * *', 'open range'],
    ['-5 * * * *', 'range without start'],
    ['1-2-3 * * * *', 'range with three ends'],
    ['1,,2 * * * *', 'empty list element'],
    ['1, * * * *', 'trailing comma'],
    ['MON * * * *', 'weekday name in minutes'],
    ['* * * MON *', 'weekday name in months'],
    ['* * * * JAN', 'month name in weekdays'],
    ['* * * * SUNDAY', 'long weekday name'],
    ['* * * JANUARY *', 'long month name'],
    ['? * * * *', 'question mark'],
    ['* * L * *', 'last day'],
    ['* * 15W * *', 'nearest weekday'],
    ['* * * * 1#2', 'nth weekday'],
    ['* * * * 5L', 'last weekday'],
    ['@daily', 'macro'],
    ['1.5 * * * *', 'decimal number'],
    ['+1 * * * *', 'signed number'],
    ['** * * * *', 'double star'],
    ['*,5 * * * *', 'star inside a list'],
  ];

  it.each(invalid)('rejects %j (%s)', (pattern) => {
    expect(isValidCronPattern(pattern)).toBe(false);
  });
});

describe('isIanaTimeZone', () => {
  it.each([
    'UTC',
    'Etc/UTC',
    'GMT',
    'America/New_York',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Etc/GMT+5',
    'America/Argentina/Buenos_Aires',
    'US/Eastern',
    'europe/berlin',
  ])('accepts %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Mars/Olympus', '+05:00', '-0300', 'UTC ', ' UTC', 'Europe/', '/Europe/Berlin', 'Europe//Berlin', 'x'.repeat(100)])('rejects %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('schedule.cron_trigger', () => {
  const validate = (params: JsonObject) => validateParams(scheduleCronTriggerNode.schema, params);

  it('is a trigger with no inputs and output main', () => {
    expect(scheduleCronTriggerNode.type).toBe('schedule.cron_trigger');
    expect(scheduleCronTriggerNode.trigger).toBe(true);
    expect(scheduleCronTriggerNode.inputPorts).toEqual([]);
    expect(scheduleCronTriggerNode.outputPorts).toEqual(['main']);
    expect(scheduleCronTriggerNode.defaultPort).toBe('main');
    expect(scheduleCronTriggerNode.resume).toBeUndefined();
  });

  const cases: ReadonlyArray<readonly [string, JsonObject, ReturnType<typeof validate>]> = [
    ['valid with the default zone', { cron_pattern: '0 9 * * MON-FRI' }, { ok: true, value: { cron_pattern: '0 9 * * MON-FRI', timezone: 'UTC' } }],
    [
      'valid with a zone',
      { cron_pattern: '*/5 * * * *', timezone: 'Europe/Berlin' },
      { ok: true, value: { cron_pattern: '*/5 * * * *', timezone: 'Europe/Berlin' } },
    ],
    ['pattern absent', {}, { ok: false, errors: { 'params.cron_pattern': ['is required'] } }],
    ['pattern invalid', { cron_pattern: '61 * * * *' }, { ok: false, errors: { 'params.cron_pattern': ['must be a valid cron expression'] } }],
    ['pattern a number', { cron_pattern: 5 }, { ok: false, errors: { 'params.cron_pattern': ['must be a valid cron expression'] } }],
    ['pattern an object', { cron_pattern: {} }, { ok: false, errors: { 'params.cron_pattern': ['is invalid'] } }],
    ['zone unknown', { cron_pattern: '* * * * *', timezone: 'Moon/Base' }, { ok: false, errors: { 'params.timezone': ['unknown timezone'] } }],
    [
      'both wrong',
      { cron_pattern: 'every minute', timezone: '+01:00' },
      { ok: false, errors: { 'params.cron_pattern': ['must be a valid cron expression'], 'params.timezone': ['unknown timezone'] } },
    ],
  ];

  it.each(cases)('schema: %s', (_name, params, expected) => {
    expect(validate(params)).toEqual(expected);
  });

  it('outputs the start input on main', async () => {
    const input = { main: { scheduled_at: '2025-01-31T12:00:00.000Z', fired_at: '2025-01-31T12:00:00.120Z' } };
    const params = { cron_pattern: '0 12 * * *', timezone: 'UTC' };
    expect(await scheduleCronTriggerNode.execute(params, runContext({ input }))).toEqual({ kind: 'complete', output: input.main });
  });

  it('outputs {} when the start input is absent or null', async () => {
    const params = { cron_pattern: '0 12 * * *', timezone: 'UTC' };
    expect(await scheduleCronTriggerNode.execute(params, runContext({ input: {} }))).toEqual({ kind: 'complete', output: {} });
    expect(await scheduleCronTriggerNode.execute(params, runContext({ input: { main: null } }))).toEqual({ kind: 'complete', output: {} });
  });
});
