// A real Prana service on 127.0.0.1:0 (the production wiring of src/config/start-service.ts) with
// generated grpc-js clients, over the in-memory store or a MongoDB database.
import { credentials } from '@grpc/grpc-js';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../../../src/config/config.js';
import { startService, type RunningService, type ServiceOverrides } from '../../../../src/config/start-service.js';
import { ExecutionServiceClient } from '../../../../src/gen/prana/v1/execution_service.js';
import { ScheduleServiceClient } from '../../../../src/gen/prana/v1/schedule_service.js';
import { TaskServiceClient } from '../../../../src/gen/prana/v1/task_service.js';
import { WorkflowServiceClient } from '../../../../src/gen/prana/v1/workflow_service.js';

/** A fixed token secret, so tokens survive a restart of a test service over the same store. */
export const TEST_TOKEN_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** A running service and clients of its services. */
export interface TestService {
  readonly service: RunningService;
  readonly target: string;
  readonly workflows: WorkflowServiceClient;
  readonly executions: ExecutionServiceClient;
  readonly tasks: TaskServiceClient;
  readonly schedules: ScheduleServiceClient;
  /** Closes the clients and stops the service. */
  close(): Promise<void>;
}

/** Where a test service keeps its data. */
export interface Backend {
  readonly name: 'memory' | 'mongodb';
  /** The MongoDB URI naming the suite's database, for the mongodb backend. */
  readonly mongodbUri?: string;
}

/** Starts a service on a free port with the given backend and overrides. */
export async function startTestService(
  backend: Backend,
  overrides: ServiceOverrides = {},
  env: Record<string, string> = {},
  logger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
): Promise<TestService> {
  const config = loadConfig({
    PRANA_GRPC_ADDRESS: '127.0.0.1:0',
    PRANA_TOKEN_SECRET: TEST_TOKEN_SECRET,
    PRANA_SHUTDOWN_GRACE_MS: '2000',
    ...(backend.mongodbUri === undefined ? {} : { MONGODB_URI: backend.mongodbUri }),
    ...env,
  });
  const service = await startService(config, logger, overrides);
  const target = `127.0.0.1:${service.port}`;
  const workflows = new WorkflowServiceClient(target, credentials.createInsecure());
  const executions = new ExecutionServiceClient(target, credentials.createInsecure());
  const tasks = new TaskServiceClient(target, credentials.createInsecure());
  const schedules = new ScheduleServiceClient(target, credentials.createInsecure());
  return {
    service,
    target,
    workflows,
    executions,
    tasks,
    schedules,
    close: async () => {
      workflows.close();
      executions.close();
      tasks.close();
      schedules.close();
      await service.stop();
    },
  };
}

/** The URI with its path replaced by the database name (MongoDB reads the database from the path). */
export function uriWithDatabase(uri: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (match === null) throw new Error(`unexpected MongoDB URI ${uri}`);
  return `${match[1]}/${database}${match[2] ?? ''}`;
}
