import { invalidRequest } from '../../app/app-error.js';
import type { ScheduleServiceServer } from '../../gen/prana/v1/schedule_service.js';
import { decodeOverlap, decodeScheduleDefinition, encodeSchedule } from './codec/schedule.js';
import { decodeTime } from './codec/time.js';
import type { HandlerContext } from './handler-context.js';
import { serveUnary } from './serve-unary.js';

const SERVICE = 'prana.v1.ScheduleService';

/** gRPC handlers of prana.v1.ScheduleService: decode, one PranaApp call, encode. */
export function scheduleServiceHandlers(context: HandlerContext): ScheduleServiceServer {
  const { app } = context;
  return {
    createSchedule: serveUnary(context, `${SERVICE}/CreateSchedule`, async (request, _scope, namespace) => {
      const definition = decodeScheduleDefinition(request.schedule);
      const view = await app.in(namespace).createSchedule(definition, request.schedule?.paused ?? false, request.schedule?.note ?? '');
      return { schedule: encodeSchedule(view) };
    }),

    getSchedule: serveUnary(context, `${SERVICE}/GetSchedule`, async (request, _scope, namespace) => {
      return { schedule: encodeSchedule(await app.in(namespace).getSchedule(request.scheduleId, request.upcoming === 0 ? 10 : request.upcoming)) };
    }),

    listSchedules: serveUnary(context, `${SERVICE}/ListSchedules`, async (request, _scope, namespace) => {
      const page = await app.in(namespace).listSchedules(request.pageSize, request.pageToken);
      return { schedules: page.views.map(encodeSchedule), nextPageToken: page.nextPageToken };
    }),

    updateSchedule: serveUnary(context, `${SERVICE}/UpdateSchedule`, async (request, _scope, namespace) => {
      const view = await app.in(namespace).updateSchedule(decodeScheduleDefinition(request.schedule), Number(request.revision));
      return { schedule: encodeSchedule(view) };
    }),

    pauseSchedule: serveUnary(context, `${SERVICE}/PauseSchedule`, async (request, _scope, namespace) => {
      return { schedule: encodeSchedule(await app.in(namespace).pauseSchedule(request.scheduleId, true, request.note)) };
    }),

    unpauseSchedule: serveUnary(context, `${SERVICE}/UnpauseSchedule`, async (request, _scope, namespace) => {
      return { schedule: encodeSchedule(await app.in(namespace).pauseSchedule(request.scheduleId, false, request.note)) };
    }),

    deleteSchedule: serveUnary(context, `${SERVICE}/DeleteSchedule`, async (request, _scope, namespace) => {
      await app.in(namespace).deleteSchedule(request.scheduleId);
      return {};
    }),

    triggerSchedule: serveUnary(context, `${SERVICE}/TriggerSchedule`, async (request, _scope, namespace) => {
      const overlap = decodeOverlap(request.overlap, 'overlap');
      return { executionId: await app.in(namespace).triggerSchedule(request.scheduleId, overlap) };
    }),

    backfillSchedule: serveUnary(context, `${SERVICE}/BackfillSchedule`, async (request, _scope, namespace) => {
      const from = decodeTime(request.startTime, 'start_time');
      const to = decodeTime(request.endTime, 'end_time');
      const missing = [...(from === undefined ? ['start_time'] : []), ...(to === undefined ? ['end_time'] : [])];
      if (missing.length > 0) throw invalidRequest(missing.map((field) => ({ field, description: 'is required' })));
      const overlap = decodeOverlap(request.overlap, 'overlap');
      return { ticks: await app.in(namespace).backfillSchedule(request.scheduleId, from as number, to as number, overlap) };
    }),
  };
}
