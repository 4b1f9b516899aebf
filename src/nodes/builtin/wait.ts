import type { Json, JsonObject } from '../../domain/json.js';
import { ownProperty } from '../../domain/json.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import { complete, fail, type Outcome } from '../../domain/outcome.js';
import { appendPath } from '../../domain/param-path.js';
import type { SuspensionRequest } from '../../domain/suspension.js';
import { defineNode } from '../kit/define-node.js';
import { parseIsoDateTime } from './iso-datetime.js';
import { passThrough } from './pass-through.js';
import { addFieldError, castField, type FieldErrors } from '../kit/schema.js';
import { isIanaTimeZone, localTimeToInstant } from './timezone.js';
import { unexpectedResumption } from './unexpected-resumption.js';

/** How a wait ends. */
export type WaitMode = 'interval' | 'schedule' | 'webhook';

/** The node's own error codes. */
export type WaitErrorCode = 'config_error' | 'interval_config_error' | 'schedule_config_error' | 'webhook_config_error';

/** One violated rule: its code, the param it concerns, and the exact message. */
interface Problem {
  readonly code: WaitErrorCode;
  readonly param: string;
  readonly message: string;
}

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

const MODES: readonly WaitMode[] = ['interval', 'schedule', 'webhook'];
const UNIT_FACTORS: Readonly<Record<string, number>> = { ms: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000 };
const HOUR_MS = 3_600_000;
const MAX_TIMEOUT_HOURS = 8760;

/** Params each mode reads, besides `mode`. */
const MODE_PARAMS: Readonly<Record<WaitMode, readonly string[]>> = {
  interval: ['duration', 'unit'],
  schedule: ['schedule_at', 'timezone'],
  webhook: ['timeout_hours'],
};

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const problem = <T>(code: WaitErrorCode, param: string, message: string): Check<T> => ({ ok: false, problem: { code, param, message } });

function absent(value: Json | undefined): value is null | undefined {
  return value === undefined || value === null;
}

/** A positive finite number after the `number` cast, else null. */
function positiveNumber(value: Json): number | null {
  const cast = castField({ type: 'number' }, value, '', {});
  return typeof cast === 'number' && cast > 0 ? cast : null;
}

function checkMode(value: Json | undefined): Check<WaitMode> {
  if (absent(value)) return problem('config_error', 'mode', 'mode is required');
  const mode = MODES.find((m) => m === value);
  return mode === undefined ? problem('config_error', 'mode', "mode must be 'interval', 'schedule', or 'webhook'") : ok(mode);
}

function checkDuration(value: Json | undefined): Check<number> {
  if (absent(value)) return problem('interval_config_error', 'duration', 'duration/timeout is required');
  const n = positiveNumber(value);
  return n === null ? problem('interval_config_error', 'duration', 'duration/timeout must be a positive number') : ok(n);
}

function checkUnit(value: Json | undefined): Check<number> {
  if (absent(value)) return ok(1);
  const factor = typeof value === 'string' ? ownUnit(value) : undefined;
  return factor === undefined ? problem('interval_config_error', 'unit', "unit must be 'ms', 'seconds', 'minutes', or 'hours'") : ok(factor);
}

function ownUnit(unit: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(UNIT_FACTORS, unit) ? UNIT_FACTORS[unit] : undefined;
}

/** The wall clock and optional offset of `schedule_at`. */
function checkScheduleAt(value: Json | undefined): Check<{ readonly wallClock: number; readonly offsetMs: number | null }> {
  if (absent(value)) return problem('schedule_config_error', 'schedule_at', 'schedule_at is required');
  if (typeof value !== 'string') return problem('schedule_config_error', 'schedule_at', 'schedule_at must be an ISO8601 datetime string');
  const parsed = parseIsoDateTime(value);
  return typeof parsed === 'string' ? problem('schedule_config_error', 'schedule_at', `Invalid datetime format: ${parsed}`) : ok(parsed);
}

function checkTimezone(value: Json | undefined): Check<string> {
  if (absent(value)) return ok('UTC');
  if (typeof value === 'string' && isIanaTimeZone(value)) return ok(value);
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return problem('schedule_config_error', 'timezone', `unknown timezone: ${text}`);
}

function checkTimeoutHours(value: Json | undefined): Check<number> {
  if (absent(value)) return ok(24);
  const n = positiveNumber(value);
  return n === null || n > MAX_TIMEOUT_HOURS
    ? problem('webhook_config_error', 'timeout_hours', 'timeout_hours must be a positive number between 1 and 8760 (1 year)')
    : ok(n);
}

/** The checks of one mode's params, in the order the node applies them; used at compile time. */
const MODE_CHECKS: Readonly<Record<string, (value: Json | undefined) => Check<unknown>>> = {
  duration: checkDuration,
  unit: checkUnit,
  schedule_at: checkScheduleAt,
  timezone: checkTimezone,
  timeout_hours: checkTimeoutHours,
};

function failWith(p: Problem): Outcome {
  return fail(p.code, p.message);
}

function suspend(suspension: SuspensionRequest): Outcome {
  return { kind: 'suspend', suspension };
}

/** Decides the suspension for validated params at `now`, or the first violated rule. */
function plan(params: JsonObject, now: number): Outcome {
  const mode = checkMode(ownProperty(params, 'mode'));
  if (!mode.ok) return failWith(mode.problem);
  switch (mode.value) {
    case 'interval': {
      const duration = checkDuration(ownProperty(params, 'duration'));
      if (!duration.ok) return failWith(duration.problem);
      const factor = checkUnit(ownProperty(params, 'unit'));
      if (!factor.ok) return failWith(factor.problem);
      return suspend({ kind: 'interval', waitTill: now + Math.floor(duration.value * factor.value) });
    }
    case 'schedule': {
      const at = checkScheduleAt(ownProperty(params, 'schedule_at'));
      if (!at.ok) return failWith(at.problem);
      const zone = checkTimezone(ownProperty(params, 'timezone'));
      if (!zone.ok) return failWith(zone.problem);
      const { wallClock, offsetMs } = at.value;
      const instant = offsetMs === null ? localTimeToInstant(zone.value, wallClock) : wallClock - offsetMs;
      if (instant <= now) return fail('schedule_config_error', 'schedule_at must be in the future');
      return suspend({ kind: 'schedule', waitTill: instant, timezone: zone.value });
    }
    case 'webhook': {
      const hours = checkTimeoutHours(ownProperty(params, 'timeout_hours'));
      if (!hours.ok) return failWith(hours.problem);
      return suspend({ kind: 'webhook', expiresAt: now + Math.floor(hours.value * HOUR_MS) });
    }
  }
}

/**
 * `wait.wait`: a durable suspension by interval, schedule or webhook. The schema
 * declares its params loosely; the node checks them itself so its error codes are exact, and the
 * compiler runs the same checks on literal params (all but "must be in the future").
 */
export const waitNode = defineNode({
  type: 'wait.wait',
  description: 'Suspends the execution for a time, until a time, or until a webhook Resume (with a timeout).',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main', 'timeout'],
  defaultPort: 'main',
  schema: {
    fields: {
      mode: { type: 'any' },
      duration: { type: 'any' },
      unit: { type: 'any' },
      schedule_at: { type: 'any' },
      timezone: { type: 'any' },
      timeout_hours: { type: 'any' },
    },
  },
  compileChecks: (params, templated) => {
    const fieldErrors: FieldErrors = {};
    const report = (p: Problem): void => addFieldError(fieldErrors, appendPath('params', p.param), p.message);
    if (!templated.has('mode')) {
      const mode = checkMode(ownProperty(params, 'mode'));
      if (!mode.ok) report(mode.problem);
      else {
        for (const param of MODE_PARAMS[mode.value]) {
          if (templated.has(param)) continue;
          const check = MODE_CHECKS[param];
          const result = check === undefined ? ok(null) : check(ownProperty(params, param));
          if (!result.ok) report(result.problem);
        }
      }
    }
    return { fieldErrors, findings: [] };
  },
  prepare: (params, context) => (ownProperty(params, 'mode') === 'webhook' ? { resume_token: context.resumeTokenFor('webhook') } : null),
  execute: (params, ctx) => plan(params, ctx.now),
  resume: (_params, ctx, resumption) => {
    switch (resumption.reason) {
      case 'timer':
        return complete(passThrough(ctx.input), 'main');
      case 'resume':
        return complete(resumption.data, 'main');
      case 'deadline':
        return complete(passThrough(ctx.input), 'timeout');
      case 'sub_workflow':
      case 'task':
        throw unexpectedResumption('wait.wait', resumption.reason);
    }
  },
});
