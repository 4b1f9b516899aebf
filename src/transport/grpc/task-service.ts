import type { TaskServiceServer } from '../../gen/prana/v1/task_service.js';
import { decodeJson } from './codec/json.js';
import { decodeNodeError } from './codec/node-error.js';
import { decodePollRequest } from './codec/poll-request.js';
import { encodeTask } from './codec/task.js';
import { encodeTime } from './codec/time.js';
import type { HandlerContext } from './handler-context.js';
import { serveUnary } from './serve-unary.js';

const SERVICE = 'prana.v1.TaskService';

/** gRPC handlers of prana.v1.TaskService: decode, one PranaApp call, encode. */
export function taskServiceHandlers(context: HandlerContext): TaskServiceServer {
  const { app, calls } = context;
  return {
    pollTasks: serveUnary(context, `${SERVICE}/PollTasks`, async (request, scope, namespace) => {
      const poll = decodePollRequest(request);
      const release = poll.waitMs === 0 ? () => undefined : calls.admit('waiting_poll');
      try {
        return { tasks: (await app.in(namespace).pollTasks(poll, scope.signal)).map(encodeTask) };
      } finally {
        release();
      }
    }),

    completeTask: serveUnary(context, `${SERVICE}/CompleteTask`, async (request, scope, namespace) => {
      const output = decodeJson(request.output, 'output');
      const { alreadyCompleted } = await app.in(namespace).completeTask(request.taskId, request.workerId, output, request.port);
      return { alreadyCompleted };
    }),

    failTask: serveUnary(context, `${SERVICE}/FailTask`, async (request, scope, namespace) => {
      const error = decodeNodeError(request.error, 'error');
      const { alreadyFailed } = await app.in(namespace).failTask(request.taskId, request.workerId, error);
      return { alreadyFailed };
    }),

    extendTaskLease: serveUnary(context, `${SERVICE}/ExtendTaskLease`, async (request, scope, namespace) => {
      return { leaseExpiresAt: encodeTime(await app.in(namespace).extendTaskLease(request.taskId, request.workerId, Number(request.leaseDurationMs))) };
    }),
  };
}
