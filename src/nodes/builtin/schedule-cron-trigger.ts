import { complete } from '../../domain/outcome.js';
import { isValidCronPattern } from '../../domain/cron-pattern.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';
import { isIanaTimeZone } from './timezone.js';

/**
 * `schedule.cron_trigger`: validates its cron pattern and zone, and outputs the
 * start input (or `{}`). A schedule created for the graph without a spec fires at the pattern.
 */
export const scheduleCronTriggerNode = defineNode({
  type: 'schedule.cron_trigger',
  description:
    'Starts an execution with the start input (or `{}`); a schedule created for the graph without a spec (ScheduleService) fires at its `cron_pattern` in its `timezone`.',
  inline: true,
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      cron_pattern: {
        type: 'string',
        required: true,
        check: (pattern) => (typeof pattern === 'string' && isValidCronPattern(pattern) ? null : 'must be a valid cron expression'),
      },
      timezone: {
        type: 'string',
        default: 'UTC',
        check: (zone) => (typeof zone === 'string' && isIanaTimeZone(zone) ? null : 'unknown timezone'),
      },
    },
  },
  execute: (_params, ctx) => complete(passThrough(ctx.input)),
});
