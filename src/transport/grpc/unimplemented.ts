import { status, type handleServerStreamingCall, type handleUnaryCall } from '@grpc/grpc-js';
import { rpcError } from './rich-error.js';

/** The error answered by an RPC that is not built yet: UNIMPLEMENTED, reason `unimplemented`. */
export function unimplementedError(method: string): ReturnType<typeof rpcError> {
  return rpcError({
    code: status.UNIMPLEMENTED,
    message: `${method} is not implemented yet`,
    reason: 'unimplemented',
    metadata: { method },
  });
}

/** A unary handler that answers UNIMPLEMENTED for `method` (e.g. `prana.v1.WorkflowService/CompileWorkflow`). */
export function unimplementedUnary<Request, Response>(method: string): handleUnaryCall<Request, Response> {
  return (_call, callback) => callback(unimplementedError(method));
}

/** A server-streaming handler that ends the stream with UNIMPLEMENTED for `method`. */
export function unimplementedStream<Request, Response>(method: string): handleServerStreamingCall<Request, Response> {
  return (call) => {
    call.emit('error', unimplementedError(method));
  };
}
