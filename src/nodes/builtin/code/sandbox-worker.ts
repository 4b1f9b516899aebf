// The entry of a sandbox worker thread: it runs the scripts its host posts, one at a time, each in a
// fresh QuickJS runtime of the worker's own instances, and posts back console records and results.
import { parentPort } from 'node:worker_threads';
import { ConsoleSink } from './console-sink.js';
import { runInSandbox, type SandboxResult } from './run-in-sandbox.js';
import { sandboxInstance, sandboxInstanceStats } from './sandbox-instance.js';
import type { HostMessage, SandboxJob, WorkerMessage } from './sandbox-protocol.js';

const port = parentPort;
if (port === null) throw new Error('sandbox-worker runs only as a worker thread');

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

async function run(id: number, job: SandboxJob): Promise<void> {
  try {
    const instance = await sandboxInstance(job.memoryBytes);
    post({ type: 'started', id });
    const sink = new ConsoleSink((record) => post({ type: 'log', id, record }), job.logFields);
    let result: SandboxResult;
    try {
      result = runInSandbox(instance, { ...job, onConsole: (method, text) => sink.write(method, text) });
    } finally {
      sink.close();
    }
    post({ type: 'result', id, result });
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'run':
      void run(message.id, message.job);
      return;
    case 'stats':
      post({ type: 'stats', id: message.id, stats: sandboxInstanceStats() });
      return;
  }
});
