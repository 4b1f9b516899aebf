// A real third-party client: `buf curl` (gRPC protocol, HTTP/2 prior knowledge, the proto/ folder as
// schema) drives compile → start → watch → resume → get against a server started here. The session is
// the one README.md shows, read from the README itself, so the documentation stays true.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../integration/grpc/support/test-service.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const runFile = promisify(execFile);

/** The bash block between the README's buf-curl-session markers, and the output the README shows. */
async function readmeSession(): Promise<{ script: string; printed: string[] }> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- buf-curl-session:start -->\n```sh\n([\s\S]*?)```\n<!-- buf-curl-session:end -->\n\nIt prints:\n\n```\n([\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error('README.md has no buf-curl-session block followed by its output');
  return { script: block[1] as string, printed: (block[2] as string).trimEnd().split('\n') };
}

/**
 * Runs a bash script from the repository root; resolves with its exit code and output. `--norc`: a bash
 * started under an SSH session (SSH_CLIENT set, low SHLVL) reads the system bashrc even when not
 * interactive, whose unset PS1 then fails under `-u`.
 */
function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--norc', '-euo', 'pipefail', '-c', script], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A line of the session's output with the ids that differ between runs replaced. */
function normalised(line: string): string {
  return line
    .trimEnd()
    .replace(/^graph: [0-9a-f]{64}$/, 'graph: <id>')
    .replace(/^execution: \S+ /, 'execution: <id> ');
}

describe('buf curl against a running server', () => {
  let t: TestService;
  let tmp: string;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
    tmp = await mkdtemp(join(tmpdir(), 'prana-buf-curl-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('runs the README session: compile, start, watch, resume by token, get', async () => {
    const { script, printed } = await readmeSession();
    const { code, stdout, stderr } = await bash(script, { PRANA: t.target, TMPDIR: tmp });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map(normalised)).toEqual(printed.map(normalised));
  });

  it('gets a refused call as the gRPC status with ErrorInfo and ResourceInfo, exit code = code × 8', async () => {
    const failure = await runFile(
      'npx',
      [
        'buf',
        'curl',
        '--schema',
        'proto',
        '--protocol',
        'grpc',
        '--http2-prior-knowledge',
        '-d',
        '{"execution_id": "nope"}',
        `http://${t.target}/prana.v1.ExecutionService/GetExecution`,
      ],
      { cwd: ROOT },
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(5 * 8);
    const status = JSON.parse(failure!.stdout + failure!.stderr) as { code: string; details: { type: string }[] };
    expect(status.code).toBe('not_found');
    expect(status.details.map((detail) => detail.type)).toEqual(['google.rpc.ErrorInfo', 'google.rpc.ResourceInfo']);
  });
});
