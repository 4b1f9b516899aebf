// A graceful stop while stdout cannot be written: a pipe whose reader stopped reading (the pipe is
// full) or went away (EPIPE). The service must still see SIGTERM and exit 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutionServiceClient } from '../../../src/gen/prana/v1/execution_service.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Every process started, killed after the suite whatever happened (a timed-out test runs no finally). */
const started: ChildProcess[] = [];

/** Starts `src/main.ts` with stdout a pipe; resolves with the process and its address once it listens. */
async function start(): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PRANA_GRPC_ADDRESS: '127.0.0.1:0', PRANA_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  let seen = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /"address":"([^"]+)"/.exec(seen);
      if (match !== null) resolve(match[1] as string);
    });
  });
  child.stdout?.removeAllListeners('data');
  return { child, address };
}

/** Makes the service write about `lines` access-log lines (each call is one line at info). */
async function writeLogs(address: string, lines: number): Promise<void> {
  const client = new ExecutionServiceClient(address, credentials.createInsecure());
  try {
    for (let i = 0; i < lines; i++) await new Promise((resolve) => client.getExecution({ executionId: `missing-${i}`, view: 0 }, resolve));
  } finally {
    client.close();
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('shutdown while stdout cannot be written', () => {
  afterAll(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('exits 0 on SIGTERM when the reader stopped reading and the pipe is full', async () => {
    const { child, address } = await start();
    try {
      child.stdout?.pause();
      // Far more than a pipe holds (64 KiB): the service's writes would block.
      await writeLogs(address, 1500);
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 0 on SIGTERM when the reader is gone', async () => {
    const { child, address } = await start();
    try {
      child.stdout?.destroy();
      await writeLogs(address, 200);
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
