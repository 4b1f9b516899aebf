import {
  CreateScheduleRequest,
  CreateScheduleResponse,
  DeleteScheduleRequest,
  GetScheduleRequest,
  GetScheduleResponse,
  ListSchedulesRequest,
  ListSchedulesResponse,
  PauseScheduleRequest,
  TriggerScheduleRequest,
  UnpauseScheduleRequest,
} from '../../sdk/typescript/src/gen/prana/v1/schedule_service.js';
import { ActionResult, OverlapPolicy, type Schedule } from '../../sdk/typescript/src/gen/prana/v1/schedule.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../failure.js';

/** `schedules list`. */
export async function listSchedules(ctx: CommandContext, pageToken: string | undefined): Promise<void> {
  const s = ctx.client.schedules;
  const response = await ctx.client.call(s, s.listSchedules, ListSchedulesRequest.fromPartial({ pageToken: pageToken ?? '' }));
  if (ctx.json) return ctx.out(JSON.stringify(ListSchedulesResponse.toJSON(response)));
  for (const schedule of response.schedules) ctx.out(scheduleLine(schedule));
  if (response.nextPageToken !== '') ctx.out(`more: prana schedules list --page-token ${response.nextPageToken}`);
}

/** `schedules get ID`: the spec, the next fire times, the recent actions and counts. */
export async function getSchedule(ctx: CommandContext, scheduleId: string): Promise<void> {
  const s = ctx.client.schedules;
  const response = await ctx.client.call(s, s.getSchedule, GetScheduleRequest.fromPartial({ scheduleId, upcoming: 5 }));
  if (ctx.json) return ctx.out(JSON.stringify(GetScheduleResponse.toJSON(response)));
  const schedule = response.schedule;
  if (schedule === undefined) return;
  ctx.out(scheduleLine(schedule));
  const info = schedule.info;
  ctx.out(`  started ${info?.startedCount ?? 0}, skipped ${info?.skippedCount ?? 0}, missed ${info?.missedCount ?? 0}; ${info?.pendingTicks ?? 0} waiting`);
  for (const time of info?.upcoming ?? []) ctx.out(`  next ${time.fireTime?.toISOString() ?? ''}`);
  for (const action of info?.recentActions ?? []) {
    const result = ActionResult[action.result]?.replace('ACTION_RESULT_', '').toLowerCase() ?? '';
    ctx.out(`  ${action.scheduledTime?.toISOString() ?? ''} ${result} ${action.executionId}${action.error === '' ? '' : ` (${action.error})`}`);
  }
}

/** `schedules create ID --graph G (--cron EXPR | --every MS)...`. */
export async function createSchedule(
  ctx: CommandContext,
  scheduleId: string,
  options: { graph: string; cron: string[]; timezone: string; every: string[]; overlap?: string; input: unknown; paused: boolean },
): Promise<void> {
  const overlap =
    options.overlap === undefined
      ? OverlapPolicy.OVERLAP_POLICY_UNSPECIFIED
      : OverlapPolicy[`OVERLAP_POLICY_${options.overlap.toUpperCase()}` as keyof typeof OverlapPolicy];
  if (overlap === undefined) throw new UsageError(`unknown overlap policy ${JSON.stringify(options.overlap)} (skip, buffer_one, allow_all, cancel_other)`);
  const spec =
    options.cron.length === 0 && options.every.length === 0
      ? undefined
      : {
          cron: options.cron.map((expression) => ({ expression, timezone: options.timezone })),
          intervals: options.every.map((ms) => ({ everyMs: ms, offsetMs: '0' })),
        };
  const s = ctx.client.schedules;
  const response = await ctx.client.call(
    s,
    s.createSchedule,
    CreateScheduleRequest.fromPartial({
      schedule: { scheduleId, spec, action: { graphId: options.graph, input: options.input }, policies: { overlap }, paused: options.paused },
    }),
  );
  if (ctx.json) return ctx.out(JSON.stringify(CreateScheduleResponse.toJSON(response)));
  if (response.schedule !== undefined) ctx.out(scheduleLine(response.schedule));
}

/** `schedules pause|unpause|trigger|delete ID`. */
export async function changeSchedule(ctx: CommandContext, action: 'pause' | 'unpause' | 'trigger' | 'delete', scheduleId: string, note: string): Promise<void> {
  const s = ctx.client.schedules;
  if (action === 'trigger') {
    const { executionId } = await ctx.client.call(s, s.triggerSchedule, TriggerScheduleRequest.fromPartial({ scheduleId }));
    ctx.out(ctx.json ? JSON.stringify({ executionId }) : executionId);
    return;
  }
  if (action === 'delete') {
    await ctx.client.call(s, s.deleteSchedule, DeleteScheduleRequest.fromPartial({ scheduleId }));
    ctx.out(ctx.json ? JSON.stringify({}) : `schedule ${scheduleId} deleted`);
    return;
  }
  const response =
    action === 'pause'
      ? await ctx.client.call(s, s.pauseSchedule, PauseScheduleRequest.fromPartial({ scheduleId, note }))
      : await ctx.client.call(s, s.unpauseSchedule, UnpauseScheduleRequest.fromPartial({ scheduleId, note }));
  if (ctx.json) return ctx.out(JSON.stringify({ schedule: response.schedule }));
  if (response.schedule !== undefined) ctx.out(scheduleLine(response.schedule));
}

function scheduleLine(schedule: Schedule): string {
  const spec = schedule.spec;
  const times = [
    ...(spec?.cron ?? []).map((cron) => `cron "${cron.expression}" ${cron.timezone}`),
    ...(spec?.intervals ?? []).map((interval) => `every ${interval.everyMs} ms`),
  ].join(', ');
  return `${schedule.scheduleId}${schedule.paused ? ' (paused)' : ''}: ${times} → graph ${schedule.action?.graphId ?? ''}`;
}
