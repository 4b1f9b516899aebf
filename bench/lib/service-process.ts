// Prana as a process of its own, as `npm start` runs it (`node dist/src/main.js`, built by `npm run bench`
// first; in-memory store unless MONGODB_URI is given), so that load generated elsewhere measures what a
// caller on the network sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { credentials } from '@grpc/grpc-js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import { WorkflowServiceClient, type CompileWorkflowResponse } from '../../src/gen/prana/v1/workflow_service.js';
import { encodeWorkflowDefinition } from './workflow-message.js';

/** The repository root: npm runs the benchmark from it. */
const ROOT = process.cwd();

/** A running service process. */
export interface ServiceProcess {
  readonly target: string;
  compile(definition: WorkflowDefinition): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the service and waits until it listens. */
export async function startServiceProcess(env: Readonly<Record<string, string>> = {}): Promise<ServiceProcess> {
  // BENCH_SERVICE_NODE_ARGS: node options for the service only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p` to profile it).
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MONGODB_URI: '',
      PRANA_GRPC_ADDRESS: '127.0.0.1:0',
      PRANA_LOG_LEVEL: 'info',
      PRANA_TOKEN_SECRET: 'benchmark-secret-benchmark-secret-0123',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const target = await new Promise<string>((resolveTarget, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const match = /"address":"([^"]+)".*prana listening on/.exec(buffered);
      if (match !== null) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolveTarget(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the service exited with ${String(code)} before listening`)));
  });
  const workflows = new WorkflowServiceClient(target, credentials.createInsecure());
  return {
    target,
    compile: async (definition) => {
      const response = await new Promise<CompileWorkflowResponse>((ok, fail) =>
        workflows.compileWorkflow({ workflow: encodeWorkflowDefinition(definition) }, (error, value) => (error === null ? ok(value) : fail(error))),
      );
      if (response.graphId === '') throw new Error(`benchmark workflow does not compile: ${JSON.stringify(response.diagnostics)}`);
      return response.graphId;
    },
    stop: async () => {
      workflows.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
