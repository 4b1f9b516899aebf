import {
  credentials as grpcCredentials,
  InterceptingCall,
  Metadata,
  type CallOptions,
  type ChannelCredentials,
  type ClientUnaryCall,
  type Interceptor,
  type ServiceError,
} from '@grpc/grpc-js';
import { errorOf } from './errors.js';
import {
  ExecutionServiceClient,
  ExecutionWait,
  type CancelExecutionResponse,
  type GetExecutionResponse,
  type ResumeResponse,
  type StartExecutionRequest,
  type StartExecutionResponse,
} from './gen/prana/v1/execution_service.js';
import { ScheduleServiceClient } from './gen/prana/v1/schedule_service.js';
import { TaskServiceClient } from './gen/prana/v1/task_service.js';
import type { Workflow } from './gen/prana/v1/workflow.js';
import { WorkflowServiceClient, type CompileWorkflowResponse, type ListNodeTypesResponse } from './gen/prana/v1/workflow_service.js';

/** How to reach the service. */
export interface ConnectOptions {
  /** TLS (e.g. `credentials.createSsl(ca, key, cert)` for mutual TLS); plaintext when absent. */
  readonly credentials?: ChannelCredentials;
  /** TLS trusting these root certificates (PEM), when `credentials` is absent. */
  readonly rootCertificates?: Buffer;
  /** Sent as `authorization: Bearer <token>` (an API key or a JWT) on every call. */
  readonly token?: string;
  /** Sent as `prana-namespace`; the service's default namespace when absent. */
  readonly namespace?: string;
  /** Deadline of each unary call made through `call` and the helpers, in ms (default 30 000). */
  readonly timeoutMs?: number;
}

/** A unary method of a generated client, callback style. */
export type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Response) => void,
) => ClientUnaryCall;

/**
 * A connection to the service: the generated clients of its four services over one channel, every call carrying
 * the token and namespace, and promise helpers that take and return JSON (the generated messages hold
 * `google.protobuf.Value` and `Struct` fields as plain JSON values) and reject with PranaError.
 */
export class PranaClient {
  readonly workflows: WorkflowServiceClient;
  readonly executions: ExecutionServiceClient;
  readonly tasks: TaskServiceClient;
  readonly schedules: ScheduleServiceClient;
  private readonly timeoutMs: number;

  constructor(target: string, options: ConnectOptions = {}) {
    const interceptors = [headerInterceptor(options)];
    const channelCredentials =
      options.credentials ?? (options.rootCertificates === undefined ? grpcCredentials.createInsecure() : grpcCredentials.createSsl(options.rootCertificates));
    this.workflows = new WorkflowServiceClient(target, channelCredentials, { interceptors });
    const shared = { interceptors, channelOverride: this.workflows.getChannel() };
    this.executions = new ExecutionServiceClient(target, channelCredentials, shared);
    this.tasks = new TaskServiceClient(target, channelCredentials, shared);
    this.schedules = new ScheduleServiceClient(target, channelCredentials, shared);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Calls a unary method of one of the generated clients; rejects with PranaError. */
  call<Request, Response>(client: object, method: UnaryMethod<Request, Response>, request: Request, timeoutMs = this.timeoutMs): Promise<Response> {
    return new Promise((resolve, reject) => {
      method.call(client, request, new Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) =>
        error === null ? resolve(response) : reject(errorOf(error)),
      );
    });
  }

  compile(workflow: Workflow): Promise<CompileWorkflowResponse> {
    return this.call(this.workflows, this.workflows.compileWorkflow, { workflow });
  }

  listNodeTypes(): Promise<ListNodeTypesResponse> {
    return this.call(this.workflows, this.workflows.listNodeTypes, {});
  }

  start(request: Partial<StartExecutionRequest> & { graphId: string }): Promise<StartExecutionResponse> {
    const full: StartExecutionRequest = {
      input: null,
      labels: {},
      executionId: '',
      requestId: '',
      wait: ExecutionWait.EXECUTION_WAIT_NONE,
      view: 0,
      ...request,
    };
    return this.call(this.executions, this.executions.startExecution, full);
  }

  get(executionId: string): Promise<GetExecutionResponse> {
    return this.call(this.executions, this.executions.getExecution, { executionId, view: 0 });
  }

  /** Resumes a suspension by its resume token, with JSON data. */
  resume(token: string, data: unknown = null, requestId = ''): Promise<ResumeResponse> {
    return this.call(this.executions, this.executions.resume, {
      target: { $case: 'resumeToken', value: token },
      data,
      requestId,
      wait: ExecutionWait.EXECUTION_WAIT_NONE,
      view: 0,
    });
  }

  cancel(executionId: string, reason = ''): Promise<CancelExecutionResponse> {
    return this.call(this.executions, this.executions.cancelExecution, { executionId, reason });
  }

  close(): void {
    this.workflows.close();
  }
}

/** Adds the authorization and namespace metadata to every call. */
function headerInterceptor(options: ConnectOptions): Interceptor {
  return (callOptions, nextCall) =>
    new InterceptingCall(nextCall(callOptions), {
      start: (metadata, listener, next) => {
        if (options.token !== undefined) metadata.set('authorization', `Bearer ${options.token}`);
        if (options.namespace !== undefined) metadata.set('prana-namespace', options.namespace);
        next(metadata, listener);
      },
    });
}
