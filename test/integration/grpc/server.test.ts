import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorInfo } from '../../../src/gen/google/rpc/error_details.js';
import { Status } from '../../../src/gen/google/rpc/status.js';
import { HealthCheckResponse_ServingStatus, HealthClient, type HealthCheckResponse } from '../../../src/gen/grpc/health/v1/health.js';
import { ExecutionServiceClient, type WatchExecutionResponse } from '../../../src/gen/prana/v1/execution_service.js';
import { TaskServiceClient } from '../../../src/gen/prana/v1/task_service.js';
import { WorkflowServiceClient } from '../../../src/gen/prana/v1/workflow_service.js';
import { startGrpcServer, type GrpcServerHandle } from '../../../src/transport/grpc/server.js';

const silent = { info: () => {}, warn: () => {} };
const deadline = (): { deadline: number } => ({ deadline: Date.now() + 5000 });
const runFile = promisify(execFile);

/** Calls a generated unary client method and resolves with its response or its ServiceError. */
function unary<Request, Response>(
  method: (request: Request, metadata: Metadata, options: { deadline: number }, callback: (error: ServiceError | null, response: Response) => void) => unknown,
  request: Request,
): Promise<{ error: ServiceError | null; response: Response | undefined }> {
  return new Promise((resolve) => {
    method(request, new Metadata(), deadline(), (error, response) => resolve({ error, response: error ? undefined : response }));
  });
}

/** The ErrorInfo carried in a status' `grpc-status-details-bin` trailer. */
function errorInfoOf(error: ServiceError): ErrorInfo | undefined {
  const [raw] = error.metadata.get('grpc-status-details-bin');
  if (!(raw instanceof Buffer)) return undefined;
  const detail = Status.decode(raw).details.find((any) => any.typeUrl === 'type.googleapis.com/google.rpc.ErrorInfo');
  return detail === undefined ? undefined : ErrorInfo.decode(detail.value);
}

describe('gRPC server', () => {
  let server: GrpcServerHandle;
  let target: string;

  beforeAll(async () => {
    server = await startGrpcServer({ address: '127.0.0.1:0', logger: silent, shutdownGraceMs: 1000 });
    target = `127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('binds a free port when asked for port 0', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(target);
  });

  it('answers SERVING from grpc.health.v1.Health/Check for the server and each prana service', async () => {
    const client = new HealthClient(target, credentials.createInsecure());
    try {
      for (const service of ['', 'prana.v1.WorkflowService', 'prana.v1.ExecutionService', 'prana.v1.TaskService']) {
        const { error, response } = await unary<{ service: string }, HealthCheckResponse>(client.check.bind(client), { service });
        expect(error).toBeNull();
        expect(response?.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
      }
    } finally {
      client.close();
    }
  });

  it('answers UNIMPLEMENTED with ErrorInfo reason "unimplemented" from prana.v1.WorkflowService/CompileWorkflow', async () => {
    const client = new WorkflowServiceClient(target, credentials.createInsecure());
    try {
      const { error } = await unary(client.compileWorkflow.bind(client), {});
      expect(error?.code).toBe(status.UNIMPLEMENTED);
      expect(error?.details).toBe('prana.v1.WorkflowService/CompileWorkflow is not implemented yet');
      const info = error ? errorInfoOf(error) : undefined;
      expect(info).toMatchObject({ reason: 'unimplemented', domain: 'prana', metadata: { method: 'prana.v1.WorkflowService/CompileWorkflow' } });
    } finally {
      client.close();
    }
  });

  it('answers UNIMPLEMENTED from a unary TaskService RPC', async () => {
    const client = new TaskServiceClient(target, credentials.createInsecure());
    try {
      const { error } = await unary(client.pollTasks.bind(client), { workerId: 'w', taskTypes: ['t'], maxTasks: 1, leaseDurationMs: '0', waitMs: '0' });
      expect(error?.code).toBe(status.UNIMPLEMENTED);
    } finally {
      client.close();
    }
  });

  it('ends a server stream (ExecutionService/WatchExecution) with UNIMPLEMENTED and no message', async () => {
    const client = new ExecutionServiceClient(target, credentials.createInsecure());
    try {
      const stream = client.watchExecution({ executionId: 'x', afterSeq: '0' }, deadline());
      const received: WatchExecutionResponse[] = [];
      stream.on('data', (message: WatchExecutionResponse) => received.push(message));
      const error = await new Promise<ServiceError>((resolve) => stream.on('error', resolve));
      expect(error.code).toBe(status.UNIMPLEMENTED);
      expect(errorInfoOf(error)?.reason).toBe('unimplemented');
      expect(received).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('passes the container health check script (scripts/healthcheck.mjs)', async () => {
    const { stdout } = await runFile(process.execPath, ['scripts/healthcheck.mjs'], {
      env: { ...process.env, PRANA_GRPC_ADDRESS: target },
    });
    expect(stdout).toContain('SERVING');
  });
});

describe('gRPC server stop', () => {
  it('is idempotent: a second stop resolves too, and the port no longer answers', async () => {
    const server = await startGrpcServer({ address: '127.0.0.1:0', logger: silent, shutdownGraceMs: 1000 });
    const target = `127.0.0.1:${server.port}`;
    await server.stop();
    await server.stop();

    const client = new HealthClient(target, credentials.createInsecure());
    try {
      const { error } = await unary<{ service: string }, HealthCheckResponse>(client.check.bind(client), { service: '' });
      expect(error?.code).toBe(status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });

  it('fails the health check script once stopped', async () => {
    const server = await startGrpcServer({ address: '127.0.0.1:0', logger: silent, shutdownGraceMs: 1000 });
    const target = `127.0.0.1:${server.port}`;
    await server.stop();
    await expect(runFile(process.execPath, ['scripts/healthcheck.mjs'], { env: { ...process.env, PRANA_GRPC_ADDRESS: target } })).rejects.toMatchObject({
      code: 1,
    });
  });

  it('reports a port already in use as a startup error', async () => {
    const first = await startGrpcServer({ address: '127.0.0.1:0', logger: silent });
    try {
      await expect(startGrpcServer({ address: `127.0.0.1:${first.port}`, logger: silent })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:/);
    } finally {
      await first.stop();
    }
  });
});
