import { status, type handleServerStreamingCall, type handleUnaryCall, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
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

/** An implementation of every method of a service that answers UNIMPLEMENTED (unary or streaming). */
export function unimplementedService(definition: ServiceDefinition): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    implementation[name] = method.responseStream ? unimplementedStream(method.path.slice(1)) : unimplementedUnary(method.path.slice(1));
  }
  return implementation;
}
