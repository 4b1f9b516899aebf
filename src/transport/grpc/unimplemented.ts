import type { handleServerStreamingCall, handleUnaryCall, ServerErrorResponse, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { refused } from '../../app/app-error.js';
import { toRpcError } from './error-status.js';

/** The error answered by an RPC that is not built yet: UNIMPLEMENTED, reason `unimplemented`. */
export function unimplementedError(method: string): ServerErrorResponse {
  return toRpcError(refused('unimplemented', `${method} is not implemented yet`, { method }), { warn: () => undefined, error: () => undefined }, method);
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
