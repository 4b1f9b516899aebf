import type { ExecutionServiceServer } from '../../gen/prana/v1/execution_service.js';
import { unimplementedStream, unimplementedUnary } from './unimplemented.js';

/** gRPC handlers of prana.v1.ExecutionService. Every RPC answers UNIMPLEMENTED until its use case exists. */
export function executionServiceHandlers(): ExecutionServiceServer {
  return {
    startExecution: unimplementedUnary('prana.v1.ExecutionService/StartExecution'),
    runExecution: unimplementedStream('prana.v1.ExecutionService/RunExecution'),
    watchExecution: unimplementedStream('prana.v1.ExecutionService/WatchExecution'),
    getExecution: unimplementedUnary('prana.v1.ExecutionService/GetExecution'),
    listExecutions: unimplementedUnary('prana.v1.ExecutionService/ListExecutions'),
    resume: unimplementedUnary('prana.v1.ExecutionService/Resume'),
    cancelExecution: unimplementedUnary('prana.v1.ExecutionService/CancelExecution'),
  };
}
