import { credentials } from '@grpc/grpc-js';
import { pino } from 'pino';
import type { Stores } from '../../src/app/prana-app.js';
import { loadConfig } from '../../src/config/config.js';
import { startService, type RunningService } from '../../src/config/start-service.js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import { HealthClient } from '../../src/gen/grpc/health/v1/health.js';
import { ExecutionServiceClient } from '../../src/gen/prana/v1/execution_service.js';

/** A service on a free loopback port with generated clients, for the service cases. */
export interface BenchService {
  readonly service: RunningService;
  readonly executions: ExecutionServiceClient;
  readonly health: InstanceType<typeof HealthClient>;
  compile(definition: WorkflowDefinition): Promise<string>;
  stop(): Promise<void>;
}

/** Starts Prana in this process (memory store, or MongoDB at `mongodbUri`). */
export async function startBenchService(mongodbUri?: string, wrapStores?: (stores: Stores) => Stores): Promise<BenchService> {
  const config = loadConfig({
    PRANA_GRPC_ADDRESS: '127.0.0.1:0',
    PRANA_LOG_LEVEL: 'error',
    PRANA_TOKEN_SECRET: 'benchmark-secret-benchmark-secret-0123',
    ...(mongodbUri === undefined ? {} : { MONGODB_URI: mongodbUri }),
  });
  const service = await startService(config, pino({ level: 'error' }), wrapStores === undefined ? {} : { wrapStores });
  const target = `127.0.0.1:${service.port}`;
  const executions = new ExecutionServiceClient(target, credentials.createInsecure());
  const health = new HealthClient(target, credentials.createInsecure());
  return {
    service,
    executions,
    health,
    compile: async (definition) => {
      const result = await service.app.compileWorkflow(definition);
      if (result.graphId === '') throw new Error(`benchmark workflow does not compile: ${JSON.stringify(result.diagnostics)}`);
      return result.graphId;
    },
    stop: async () => {
      executions.close();
      health.close();
      await service.stop();
    },
  };
}
