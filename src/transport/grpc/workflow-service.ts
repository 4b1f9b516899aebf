import type { WorkflowServiceServer } from '../../gen/prana/v1/workflow_service.js';
import { unimplementedUnary } from './unimplemented.js';

/** gRPC handlers of prana.v1.WorkflowService. Every RPC answers UNIMPLEMENTED until its use case exists. */
export function workflowServiceHandlers(): WorkflowServiceServer {
  return {
    compileWorkflow: unimplementedUnary('prana.v1.WorkflowService/CompileWorkflow'),
    getWorkflowGraph: unimplementedUnary('prana.v1.WorkflowService/GetWorkflowGraph'),
  };
}
