import { Server, ServerCredentials, type ServerInterceptor, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { ExecutionServiceService, type ExecutionServiceServer } from '../../gen/prana/v1/execution_service.js';
import { ScheduleServiceService, type ScheduleServiceServer } from '../../gen/prana/v1/schedule_service.js';
import { TaskServiceService, type TaskServiceServer } from '../../gen/prana/v1/task_service.js';
import { WorkflowServiceService, type WorkflowServiceServer } from '../../gen/prana/v1/workflow_service.js';
import { createServerHealth } from './health.js';
import { strictDefinition } from './strict-decoding.js';
import { ReflectionAnswers } from './reflection/reflection-answers.js';
import { REFLECTION_SERVICES, reflectionServices } from './reflection/reflection-service.js';
import { unimplementedService } from './unimplemented.js';

/** The handlers of the prana.v1 services; the composition root supplies them. */
export interface PranaHandlers {
  readonly workflow: WorkflowServiceServer;
  readonly execution: ExecutionServiceServer;
  readonly task: TaskServiceServer;
  readonly schedule: ScheduleServiceServer;
}

/** The slice of a pino logger the server uses. */
export interface GrpcServerLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** How to start the gRPC server. */
export interface GrpcServerOptions {
  /** `host:port` to listen on; port 0 picks a free port. */
  readonly address: string;
  readonly logger: GrpcServerLogger;
  /** How long `stop()` lets calls in flight finish before cancelling them. Default 5000 ms. */
  readonly shutdownGraceMs?: number;
  /** Handlers by service; a service left out answers UNIMPLEMENTED for every RPC. */
  readonly handlers?: Partial<PranaHandlers>;
  /** Largest request message accepted; a larger one is refused RESOURCE_EXHAUSTED by grpc-js. Default 8 MiB. */
  readonly maxReceiveMessageBytes?: number;
  /** Called first thing in `stop()`, to end open waits and streams (see PranaRpc.drain). */
  readonly onDrain?: () => void;
  /** TLS (see tls-credentials.ts); plaintext when left out. */
  readonly credentials?: ServerCredentials;
  /** Run on every call before its handler, in order: authentication, access log, metrics. */
  readonly interceptors?: readonly ServerInterceptor[];
  /** Server reflection from the contract's descriptor set (`proto/prana.binpb`); none when left out. */
  readonly reflectionDescriptorSet?: string;
}

/** Default largest request message: 8 MiB, enough for the largest workflow the compiler accepts. */
export const DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 8 * 1024 * 1024;

/** A running server. */
export interface GrpcServerHandle {
  /** The TCP port actually bound (useful when asked for port 0). */
  readonly port: number;
  /** `host:port` with the bound port. */
  readonly address: string;
  /**
   * Stops gracefully: health goes NOT_SERVING, `onDrain` ends open waits and streams, new calls are
   * refused, calls in flight get the grace period, then the rest are cancelled. Idempotent: every call returns the same promise.
   */
  stop(): Promise<void>;
  /** Health SERVING (true) or NOT_SERVING (false) while the server runs, e.g. while its store is unreachable. */
  setReady(ready: boolean): void;
}

/** Starts a grpc-js server with grpc.health.v1.Health and the prana.v1 services, bound to `address`. */
export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServerHandle> {
  const services: readonly (readonly [ServiceDefinition, UntypedServiceImplementation])[] = [
    [strictDefinition(WorkflowServiceService), options.handlers?.workflow ?? unimplementedService(WorkflowServiceService)],
    [strictDefinition(ExecutionServiceService), options.handlers?.execution ?? unimplementedService(ExecutionServiceService)],
    [strictDefinition(TaskServiceService), options.handlers?.task ?? unimplementedService(TaskServiceService)],
    [strictDefinition(ScheduleServiceService), options.handlers?.schedule ?? unimplementedService(ScheduleServiceService)],
  ];
  const server = new Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
    interceptors: [...(options.interceptors ?? [])],
  });
  const health = createServerHealth(services.map(([definition]) => serviceName(definition)));
  health.addTo(server);
  for (const [definition, implementation] of services) server.addService(definition, implementation);
  if (options.reflectionDescriptorSet !== undefined) {
    const served = [...services.map(([definition]) => serviceName(definition)), 'grpc.health.v1.Health', ...REFLECTION_SERVICES];
    for (const [definition, implementation] of reflectionServices(ReflectionAnswers.fromFile(options.reflectionDescriptorSet, served))) {
      server.addService(definition, implementation);
    }
  }

  let port: number;
  try {
    port = await bind(server, options.address, options.credentials ?? ServerCredentials.createInsecure());
  } catch (error) {
    server.forceShutdown();
    throw error;
  }
  let ready = true;
  health.setAll('SERVING');
  const address = `${hostOf(options.address)}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= shutdown(server, options.shutdownGraceMs ?? 5000, options.logger, () => {
      health.setAll('NOT_SERVING');
      options.onDrain?.();
    });
    return stopping;
  };
  const setReady = (value: boolean): void => {
    ready = value;
    if (stopping === undefined) health.setAll(ready ? 'SERVING' : 'NOT_SERVING');
  };
  return { port, address, stop, setReady };
}

/** Binds with the credentials and resolves the port. */
function bind(server: Server, address: string, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) => {
      if (error) reject(new Error(`cannot listen on ${address}: ${error.message}`, { cause: error }));
      else resolve(port);
    });
  });
}

/** NOT_SERVING and drain first (load balancers stop routing, waits end), then tryShutdown, then forceShutdown after the grace. */
function shutdown(server: Server, graceMs: number, logger: GrpcServerLogger, markNotServing: () => void): Promise<void> {
  markNotServing();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ graceMs }, 'calls still in flight after the grace period; cancelling them');
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown((error) => {
      clearTimeout(timer);
      if (error) server.forceShutdown();
      resolve();
    });
  });
}

/** The full service name (`prana.v1.WorkflowService`) read from a generated definition's method paths. */
function serviceName(definition: ServiceDefinition): string {
  const firstMethod = Object.values(definition)[0];
  if (firstMethod === undefined) throw new Error('service definition has no methods');
  return firstMethod.path.split('/')[1] ?? '';
}

/** The host part of `host:port` (IPv6 stays bracketed). */
function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}
