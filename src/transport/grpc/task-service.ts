import type { TaskServiceServer } from '../../gen/prana/v1/task_service.js';
import { decodeJson } from './codec/json.js';
import { decodeLeaseMs } from './codec/lease.js';
import { decodeNodeError } from './codec/node-error.js';
import { decodePollRequest } from './codec/poll-request.js';
import { encodeTask } from './codec/task.js';
import { encodeTime } from './codec/time.js';
import type { HandlerContext } from './handler-context.js';
import { RequestCheck } from './request-check.js';
import { serveUnary } from './serve-unary.js';

const SERVICE = 'prana.v1.TaskService';

/** gRPC handlers of prana.v1.TaskService: decode, one PranaApp call, encode. */
export function taskServiceHandlers(context: HandlerContext): TaskServiceServer {
  const { app, calls, limits } = context;
  /** The ids every task RPC requires. */
  const checkIds = (request: { taskId: string; workerId: string }): RequestCheck =>
    new RequestCheck()
      .required('task_id', request.taskId)
      .required('worker_id', request.workerId)
      .maxLength('worker_id', request.workerId, limits.maxWorkerIdLength);
  return {
    pollTasks: serveUnary(context, `${SERVICE}/PollTasks`, async (request, scope) => {
      const poll = decodePollRequest(request, limits);
      const release = poll.waitMs === 0 ? () => undefined : calls.admit('waiting_poll');
      try {
        return { tasks: (await app.pollTasks(poll, scope.signal)).map(encodeTask) };
      } finally {
        release();
      }
    }),

    completeTask: serveUnary(context, `${SERVICE}/CompleteTask`, async (request) => {
      const output = decodeJson(request.output, 'output');
      checkIds(request).maxBytes('output', output, limits.maxTaskOutputBytes).done();
      const { alreadyCompleted } = await app.completeTask(request.taskId, request.workerId, output, request.port);
      return { alreadyCompleted };
    }),

    failTask: serveUnary(context, `${SERVICE}/FailTask`, async (request) => {
      const error = decodeNodeError(request.error, 'error');
      checkIds(request).done();
      const { alreadyFailed } = await app.failTask(request.taskId, request.workerId, error);
      return { alreadyFailed };
    }),

    extendTaskLease: serveUnary(context, `${SERVICE}/ExtendTaskLease`, async (request) => {
      const check = checkIds(request);
      const leaseMs = decodeLeaseMs(request.leaseDurationMs, check);
      check.done();
      return { leaseExpiresAt: encodeTime(await app.extendTaskLease(request.taskId, request.workerId, leaseMs)) };
    }),
  };
}
