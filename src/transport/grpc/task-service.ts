import type { TaskServiceServer } from '../../gen/prana/v1/task_service.js';
import { unimplementedUnary } from './unimplemented.js';

/** gRPC handlers of prana.v1.TaskService. Every RPC answers UNIMPLEMENTED until its use case exists. */
export function taskServiceHandlers(): TaskServiceServer {
  return {
    pollTasks: unimplementedUnary('prana.v1.TaskService/PollTasks'),
    completeTask: unimplementedUnary('prana.v1.TaskService/CompleteTask'),
    failTask: unimplementedUnary('prana.v1.TaskService/FailTask'),
    extendTaskLease: unimplementedUnary('prana.v1.TaskService/ExtendTaskLease'),
  };
}
