import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { waitNode } from '../../../../src/nodes/builtin/wait.js';
import { NOW, prepareContext, runContext, suspensionOf } from './suspending-context.js';

const HOUR = 3_600_000;

/** Validates like the engine does, then executes at `now`. */
async function run(params: JsonObject, now = NOW): Promise<Outcome> {
  const validated = validateParams(waitNode.schema, params);
  if (!validated.ok) throw new Error(`unexpected schema failure: ${JSON.stringify(validated.errors)}`);
  return waitNode.execute(validated.value, runContext({ now }));
}

async function resume(resumption: Parameters<NonNullable<typeof waitNode.resume>>[2], input: JsonObject = {}): Promise<Outcome> {
  const handler = waitNode.resume;
  if (handler === undefined) throw new Error('wait.wait has a resume handler');
  return handler({ mode: 'interval', duration: 5 }, runContext({ input }), resumption);
}

const NONE: ReadonlySet<string> = new Set();

describe('wait.wait declaration', () => {
  it('has input main, outputs main and timeout, default main', () => {
    expect(waitNode.type).toBe('wait.wait');
    expect(waitNode.trigger).toBe(false);
    expect(waitNode.inputPorts).toEqual(['main']);
    expect(waitNode.outputPorts).toEqual(['main', 'timeout']);
    expect(waitNode.defaultPort).toBe('main');
  });

  it('declares its params loosely: any value passes the schema, undeclared params are dropped', () => {
    const result = validateParams(waitNode.schema, { mode: 5, duration: 'x', unit: [], schedule_at: {}, timezone: true, timeout_hours: -1, extra: 1 });
    expect(result).toEqual({ ok: true, value: { mode: 5, duration: 'x', unit: [], schedule_at: {}, timezone: true, timeout_hours: -1 } });
  });
});

describe('wait.wait own checks at run time', () => {
  const cases: ReadonlyArray<readonly [string, JsonObject, string, string]> = [
    ['mode absent', {}, 'config_error', 'mode is required'],
    ['mode null', { mode: null }, 'config_error', 'mode is required'],
    ['mode unknown', { mode: 'sleep' }, 'config_error', "mode must be 'interval', 'schedule', or 'webhook'"],
    ['mode in another case', { mode: 'Interval' }, 'config_error', "mode must be 'interval', 'schedule', or 'webhook'"],
    ['mode not a string', { mode: 1 }, 'config_error', "mode must be 'interval', 'schedule', or 'webhook'"],
    ['duration absent', { mode: 'interval' }, 'interval_config_error', 'duration/timeout is required'],
    ['duration zero', { mode: 'interval', duration: 0 }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['duration negative', { mode: 'interval', duration: -5 }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['duration text', { mode: 'interval', duration: 'soon' }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['duration boolean', { mode: 'interval', duration: true }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['duration object', { mode: 'interval', duration: {} }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['unit unknown', { mode: 'interval', duration: 5, unit: 'days' }, 'interval_config_error', "unit must be 'ms', 'seconds', 'minutes', or 'hours'"],
    ['unit not a string', { mode: 'interval', duration: 5, unit: 1000 }, 'interval_config_error', "unit must be 'ms', 'seconds', 'minutes', or 'hours'"],
    [
      'unit of the prototype',
      { mode: 'interval', duration: 5, unit: 'toString' },
      'interval_config_error',
      "unit must be 'ms', 'seconds', 'minutes', or 'hours'",
    ],
    ['duration checked before unit', { mode: 'interval', duration: -1, unit: 'days' }, 'interval_config_error', 'duration/timeout must be a positive number'],
    ['schedule_at absent', { mode: 'schedule' }, 'schedule_config_error', 'schedule_at is required'],
    ['schedule_at a number', { mode: 'schedule', schedule_at: 1767225600000 }, 'schedule_config_error', 'schedule_at must be an ISO8601 datetime string'],
    ['schedule_at unparsable', { mode: 'schedule', schedule_at: 'tomorrow' }, 'schedule_config_error', 'Invalid datetime format: invalid_format'],
    ['schedule_at a date only', { mode: 'schedule', schedule_at: '2026-01-01' }, 'schedule_config_error', 'Invalid datetime format: invalid_format'],
    [
      'schedule_at bad offset',
      { mode: 'schedule', schedule_at: '2026-01-01T00:00:00+24:00' },
      'schedule_config_error',
      'Invalid datetime format: invalid_format',
    ],
    [
      'schedule_at impossible date',
      { mode: 'schedule', schedule_at: '2026-02-29T10:00:00Z' },
      'schedule_config_error',
      'Invalid datetime format: invalid_date',
    ],
    ['schedule_at month 13', { mode: 'schedule', schedule_at: '2026-13-01T10:00:00Z' }, 'schedule_config_error', 'Invalid datetime format: invalid_date'],
    [
      'schedule_at impossible time',
      { mode: 'schedule', schedule_at: '2026-02-01T24:00:00Z' },
      'schedule_config_error',
      'Invalid datetime format: invalid_time',
    ],
    ['schedule_at leap second', { mode: 'schedule', schedule_at: '2026-02-01T23:59:60Z' }, 'schedule_config_error', 'Invalid datetime format: invalid_time'],
    ['schedule_at in the past', { mode: 'schedule', schedule_at: '2025-01-31T11:59:59.999Z' }, 'schedule_config_error', 'schedule_at must be in the future'],
    ['schedule_at exactly now', { mode: 'schedule', schedule_at: '2025-01-31T12:00:00Z' }, 'schedule_config_error', 'schedule_at must be in the future'],
    [
      'local time in the past',
      { mode: 'schedule', schedule_at: '2025-01-31T12:30:00', timezone: 'Europe/Berlin' },
      'schedule_config_error',
      'schedule_at must be in the future',
    ],
    [
      'timezone unknown',
      { mode: 'schedule', schedule_at: '2026-01-01T00:00:00', timezone: 'Mars/Olympus' },
      'schedule_config_error',
      'unknown timezone: Mars/Olympus',
    ],
    ['timezone as offset', { mode: 'schedule', schedule_at: '2026-01-01T00:00:00', timezone: '+05:00' }, 'schedule_config_error', 'unknown timezone: +05:00'],
    ['timezone not a string', { mode: 'schedule', schedule_at: '2026-01-01T00:00:00', timezone: 5 }, 'schedule_config_error', 'unknown timezone: 5'],
    [
      'timezone checked with an offset too',
      { mode: 'schedule', schedule_at: '2026-01-01T00:00:00Z', timezone: 'Nowhere' },
      'schedule_config_error',
      'unknown timezone: Nowhere',
    ],
    [
      'timeout_hours zero',
      { mode: 'webhook', timeout_hours: 0 },
      'webhook_config_error',
      'timeout_hours must be a positive number between 1 and 8760 (1 year)',
    ],
    [
      'timeout_hours negative',
      { mode: 'webhook', timeout_hours: -1 },
      'webhook_config_error',
      'timeout_hours must be a positive number between 1 and 8760 (1 year)',
    ],
    [
      'timeout_hours above a year',
      { mode: 'webhook', timeout_hours: 8760.5 },
      'webhook_config_error',
      'timeout_hours must be a positive number between 1 and 8760 (1 year)',
    ],
    [
      'timeout_hours text',
      { mode: 'webhook', timeout_hours: 'day' },
      'webhook_config_error',
      'timeout_hours must be a positive number between 1 and 8760 (1 year)',
    ],
  ];

  it.each(cases)('%s gives %s', async (_name, params, code, message) => {
    expect(await run(params)).toEqual({ kind: 'error', error: { code, message } });
  });
});

describe('wait.wait interval mode', () => {
  const cases: ReadonlyArray<readonly [JsonObject, number]> = [
    [{ duration: 1500 }, 1500],
    [{ duration: 1500, unit: 'ms' }, 1500],
    [{ duration: 1.5, unit: 'seconds' }, 1500],
    [{ duration: 2, unit: 'minutes' }, 120_000],
    [{ duration: 0.5, unit: 'hours' }, 1_800_000],
    [{ duration: '10', unit: 'seconds' }, 10_000],
    [{ duration: 1.9 }, 1],
    [{ duration: 0.5 }, 0],
  ];

  it.each(cases)('%j suspends until now + %d ms', async (params, ms) => {
    expect(await run({ mode: 'interval', ...params })).toEqual({ kind: 'suspend', suspension: { kind: 'interval', waitTill: NOW + ms } });
  });

  it('ignores params of other modes', async () => {
    expect(suspensionOf(await run({ mode: 'interval', duration: 1, timeout_hours: -1, schedule_at: 'x' }))).toEqual({ kind: 'interval', waitTill: NOW + 1 });
  });
});

describe('wait.wait schedule mode', () => {
  const at = async (scheduleAt: string, timezone?: string): Promise<{ readonly at: string; readonly timezone: string }> => {
    const params: JsonObject = timezone === undefined ? { mode: 'schedule', schedule_at: scheduleAt } : { mode: 'schedule', schedule_at: scheduleAt, timezone };
    const suspension = suspensionOf(await run(params));
    if (suspension.kind !== 'schedule') throw new Error('expected a schedule suspension');
    return { at: new Date(suspension.waitTill).toISOString(), timezone: suspension.timezone };
  };

  it('uses an instant with Z as is and records the default zone UTC', async () => {
    expect(await run({ mode: 'schedule', schedule_at: '2025-02-01T00:00:00Z' })).toEqual({
      kind: 'suspend',
      suspension: { kind: 'schedule', waitTill: Date.UTC(2025, 1, 1), timezone: 'UTC' },
    });
  });

  it('uses an explicit offset as is, whatever the timezone, and records the timezone', async () => {
    expect(await at('2025-02-01T10:00:00+05:30', 'America/New_York')).toEqual({ at: '2025-02-01T04:30:00.000Z', timezone: 'America/New_York' });
    expect(await at('2025-02-01T10:00:00-0200')).toEqual({ at: '2025-02-01T12:00:00.000Z', timezone: 'UTC' });
    expect(await at('2025-02-01T10:00:00-02')).toEqual({ at: '2025-02-01T12:00:00.000Z', timezone: 'UTC' });
  });

  it('accepts the extended-format variants', async () => {
    expect((await at('2025-02-01T10:00Z')).at).toBe('2025-02-01T10:00:00.000Z');
    expect((await at('2025-02-01 10:00:00z')).at).toBe('2025-02-01T10:00:00.000Z');
    expect((await at('2025-02-01t10:00:00.1239Z')).at).toBe('2025-02-01T10:00:00.123Z');
    expect((await at('2025-02-01T10:00:00,5Z')).at).toBe('2025-02-01T10:00:00.500Z');
    expect((await at('2028-02-29T10:00:00Z')).at).toBe('2028-02-29T10:00:00.000Z');
  });

  it('reads a time without offset in UTC by default', async () => {
    expect(await at('2025-02-01T10:00:00')).toEqual({ at: '2025-02-01T10:00:00.000Z', timezone: 'UTC' });
  });

  it('reads a time without offset as local time in the timezone, winter and summer', async () => {
    expect((await at('2025-12-01T09:00:00', 'America/New_York')).at).toBe('2025-12-01T14:00:00.000Z');
    expect((await at('2025-07-01T09:00:00', 'America/New_York')).at).toBe('2025-07-01T13:00:00.000Z');
    expect((await at('2025-07-01T09:00:00', 'Asia/Kolkata')).at).toBe('2025-07-01T03:30:00.000Z');
    expect((await at('2025-07-01T09:00:00', 'Etc/GMT+5')).at).toBe('2025-07-01T14:00:00.000Z');
  });

  it('accepts zone names in any case, as Intl does, and records them as given', async () => {
    expect(await at('2025-12-01T09:00:00', 'america/new_york')).toEqual({ at: '2025-12-01T14:00:00.000Z', timezone: 'america/new_york' });
  });

  describe('DST', () => {
    const cases: ReadonlyArray<readonly [string, string, string, string]> = [
      // A gap is read with the offset before it: the wall time moves forward by the gap's length.
      ['New York gap 02:30 → 03:30 EDT', 'America/New_York', '2025-03-09T02:30:00', '2025-03-09T07:30:00.000Z'],
      ['New York gap start 02:00 → 03:00 EDT', 'America/New_York', '2025-03-09T02:00:00', '2025-03-09T07:00:00.000Z'],
      ['New York just before the gap', 'America/New_York', '2025-03-09T01:59:59', '2025-03-09T06:59:59.000Z'],
      ['New York just after the gap', 'America/New_York', '2025-03-09T03:00:00', '2025-03-09T07:00:00.000Z'],
      // An overlap is the earlier instant (the offset before the transition).
      ['New York overlap 01:30 → EDT', 'America/New_York', '2025-11-02T01:30:00', '2025-11-02T05:30:00.000Z'],
      ['New York after the overlap', 'America/New_York', '2025-11-02T02:00:00', '2025-11-02T07:00:00.000Z'],
      ['Berlin gap 02:30 → 03:30 CEST', 'Europe/Berlin', '2025-03-30T02:30:00', '2025-03-30T01:30:00.000Z'],
      ['Berlin overlap 02:30 → CEST', 'Europe/Berlin', '2025-10-26T02:30:00', '2025-10-26T00:30:00.000Z'],
      ['Lord Howe half-hour gap', 'Australia/Lord_Howe', '2025-10-05T02:15:00', '2025-10-04T15:45:00.000Z'],
      ['Lord Howe half-hour overlap', 'Australia/Lord_Howe', '2026-04-05T01:45:00', '2026-04-04T14:45:00.000Z'],
      ['Apia skipped day is read with the old offset', 'Pacific/Apia', '2011-12-30T12:00:00', '2011-12-30T22:00:00.000Z'],
    ];

    it.each(cases)('%s', async (_name, zone, local, expected) => {
      const suspension = suspensionOf(await run({ mode: 'schedule', schedule_at: local, timezone: zone }, Date.UTC(2000, 0, 1)));
      expect(suspension).toEqual({ kind: 'schedule', waitTill: Date.parse(expected), timezone: zone });
    });
  });

  it('accepts an instant one millisecond after now', async () => {
    expect(suspensionOf(await run({ mode: 'schedule', schedule_at: '2025-01-31T12:00:00.001Z' }))).toEqual({
      kind: 'schedule',
      waitTill: NOW + 1,
      timezone: 'UTC',
    });
  });
});

describe('wait.wait webhook mode', () => {
  const cases: ReadonlyArray<readonly [JsonObject, number]> = [
    [{}, 24 * HOUR],
    [{ timeout_hours: 1 }, HOUR],
    [{ timeout_hours: 0.5 }, HOUR / 2],
    [{ timeout_hours: '12' }, 12 * HOUR],
    [{ timeout_hours: 8760 }, 8760 * HOUR],
  ];

  it.each(cases)('%j expires at now + %d ms', async (params, ms) => {
    expect(await run({ mode: 'webhook', ...params })).toEqual({ kind: 'suspend', suspension: { kind: 'webhook', expiresAt: NOW + ms } });
  });
});

describe('wait.wait resume', () => {
  it('a timer passes the input through on main', async () => {
    expect(await resume({ reason: 'timer' }, { main: { a: 1 } })).toEqual({ kind: 'complete', output: { a: 1 }, port: 'main' });
  });

  it('a timer with no input, or a null one, outputs {}', async () => {
    expect(await resume({ reason: 'timer' })).toEqual({ kind: 'complete', output: {}, port: 'main' });
    expect(await resume({ reason: 'timer' }, { main: null })).toEqual({ kind: 'complete', output: {}, port: 'main' });
  });

  it("a caller's resume outputs the resume data on main", async () => {
    expect(await resume({ reason: 'resume', data: { approved: true } }, { main: { a: 1 } })).toEqual({
      kind: 'complete',
      output: { approved: true },
      port: 'main',
    });
    expect(await resume({ reason: 'resume', data: null })).toEqual({ kind: 'complete', output: null, port: 'main' });
  });

  it('a webhook deadline passes the input through on timeout', async () => {
    expect(await resume({ reason: 'deadline' }, { main: [1, 2] })).toEqual({ kind: 'complete', output: [1, 2], port: 'timeout' });
    expect(await resume({ reason: 'deadline' })).toEqual({ kind: 'complete', output: {}, port: 'timeout' });
  });

  it('refuses reasons a wait can never end with', async () => {
    await expect(resume({ reason: 'sub_workflow', children: [] })).rejects.toThrow('wait.wait cannot be resumed with reason "sub_workflow"');
    await expect(resume({ reason: 'task', result: { kind: 'completed', output: null, port: 'main' } })).rejects.toThrow('reason "task"');
  });
});

describe('wait.wait compile checks', () => {
  const check = (params: JsonObject, templated: readonly string[] = []) => {
    const compileChecks = waitNode.compileChecks;
    if (compileChecks === undefined) throw new Error('wait.wait has compile checks');
    return compileChecks(params, new Set(templated));
  };

  const cases: ReadonlyArray<readonly [string, JsonObject, readonly string[], Record<string, string[]>]> = [
    ['mode absent', {}, [], { 'params.mode': ['mode is required'] }],
    ['mode unknown', { mode: 'nap', duration: -1 }, [], { 'params.mode': ["mode must be 'interval', 'schedule', or 'webhook'"] }],
    ['mode templated: nothing is checked', { mode: '{{ $vars.mode }}', duration: -1 }, ['mode'], {}],
    ['interval without duration', { mode: 'interval' }, [], { 'params.duration': ['duration/timeout is required'] }],
    [
      'every literal violation is reported',
      { mode: 'interval', duration: -1, unit: 'days' },
      [],
      { 'params.duration': ['duration/timeout must be a positive number'], 'params.unit': ["unit must be 'ms', 'seconds', 'minutes', or 'hours'"] },
    ],
    [
      'templated duration is skipped',
      { mode: 'interval', duration: '{{ $input.main.n }}', unit: 'days' },
      ['duration'],
      { 'params.unit': ["unit must be 'ms', 'seconds', 'minutes', or 'hours'"] },
    ],
    ['valid interval', { mode: 'interval', duration: 5, unit: 'minutes' }, [], {}],
    ['other modes’ params are ignored', { mode: 'interval', duration: 5, timeout_hours: 0, schedule_at: 3 }, [], {}],
    ['a past schedule is not a compile error', { mode: 'schedule', schedule_at: '2000-01-01T00:00:00Z' }, [], {}],
    [
      'schedule format and zone',
      { mode: 'schedule', schedule_at: '2026-02-30T00:00:00', timezone: 'Nope/Nope' },
      [],
      { 'params.schedule_at': ['Invalid datetime format: invalid_date'], 'params.timezone': ['unknown timezone: Nope/Nope'] },
    ],
    ['schedule without schedule_at', { mode: 'schedule' }, [], { 'params.schedule_at': ['schedule_at is required'] }],
    ['templated schedule_at', { mode: 'schedule', schedule_at: '{{ $vars.at }}' }, ['schedule_at'], {}],
    [
      'webhook out of range',
      { mode: 'webhook', timeout_hours: 9000 },
      [],
      { 'params.timeout_hours': ['timeout_hours must be a positive number between 1 and 8760 (1 year)'] },
    ],
    ['webhook default', { mode: 'webhook' }, [], {}],
  ];

  it.each(cases)('%s', (_name, params, templated, fieldErrors) => {
    expect(check(params, templated)).toEqual({ fieldErrors, findings: [] });
  });
});

describe('wait.wait preparation hook', () => {
  const prepare = (params: JsonObject): Json | null => {
    const hook = waitNode.prepare;
    if (hook === undefined) throw new Error('wait.wait has a preparation hook');
    return hook(params, prepareContext('approve'));
  };

  it('gives the webhook resume token of run 0 when mode is the literal "webhook"', () => {
    expect(prepare({ mode: 'webhook', timeout_hours: '{{ $vars.h }}' })).toEqual({ resume_token: 'token:approve:webhook' });
  });

  it('gives nothing for other modes, templated modes, or no mode', () => {
    expect(prepare({ mode: 'interval', duration: 5 })).toBeNull();
    expect(prepare({ mode: "{{ 'webhook' }}" })).toBeNull();
    expect(prepare({})).toBeNull();
  });
});

describe('wait.wait stored params', () => {
  it('keep no defaults of other modes', () => {
    expect(validateParams(waitNode.schema, { mode: 'webhook' }, 'params', NONE)).toEqual({ ok: true, value: { mode: 'webhook' } });
  });
});
