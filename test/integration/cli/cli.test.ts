// The `prana` command against a service started by the test, as a person (or a script) uses it:
// compile → run → watch → resume, plain line-by-line output (stdout is not a terminal here), JSON
// output, refusals with their reasons, and the exit codes of docs/cli.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../grpc/support/test-service.js';

const ROOT = new URL('../../..', import.meta.url).pathname;

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('prana CLI', () => {
  let t: TestService;
  let dir: string;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
    dir = mkdtempSync(join(tmpdir(), 'prana-cli-'));
  });
  afterAll(() => t.close());

  /** Runs `prana ARGS` to its end. */
  function prana(...args: string[]): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, PRANA_ADDRESS: t.target, PRANA_NAMESPACE: 'cli', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('compiles, runs, watches and resumes a workflow, printing one line per change', async () => {
    const compiled = await prana('compile', 'examples/workflows/approval.yaml');
    expect(compiled).toMatchObject({ code: 0, stderr: '' });
    expect(compiled.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);

    const ran = await prana('run', 'examples/workflows/approval.yaml', '--input', '{"order": 7}', '--label', 'team=ops');
    expect(ran.code).toBe(0);
    const id = /^execution (\S+)$/m.exec(ran.stdout)?.[1] as string;
    expect(id).toMatch(/^cli\//);
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toEqual([
      `execution ${id}`,
      '▸ start manual.trigger running',
      expect.stringMatching(/^✓ start manual\.trigger completed, \d+ ms$/),
      '▸ prepare data.set_data running',
      expect.stringMatching(/^✓ prepare data\.set_data completed, \d+ ms$/),
      '▸ approval wait.wait running',
      '⏸ approval wait.wait suspended, on a webhook (resume it)',
      `execution ${id} suspended`,
      expect.stringMatching(/^waiting at node "approval"; resume token \S+$/),
      `resume it with: prana resume ${id} --data '<json>'`,
    ]);

    const watching = prana('watch', id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const resumed = await prana('resume', id, '--data', '{"approved": true}', '--wait');
    expect(resumed).toMatchObject({ code: 0, stdout: `execution ${id}: completed\n` });
    const watched = await watching;
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/^✓ approval wait\.wait completed, [\d.]+ m?s$/m);
    expect(watched.stdout).toMatch(/^✓ done data\.set_data completed, \d+ ms$/m);
    expect(watched.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^execution ${id.replace('/', '\\/')} completed after [\\d.]+ m?s$`));

    const got = await prana('get', id);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain(`execution ${id}: completed`);
    expect(got.stdout).toContain('output {"approved":true}');
    expect(got.stdout).toMatch(/#2 approval\s+run 0 completed \d+ ms/);

    const listed = await prana('--json', 'list', '--status', 'completed', '--label', 'team=ops');
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as { executions: { id: string; status: string }[] };
    expect(page.executions.map((execution) => [execution.id, execution.status])).toEqual([[id, 'EXECUTION_STATUS_COMPLETED']]);
  });

  it('prints compiler diagnostics and exits 3; refuses a file it cannot read as a workflow with exit 2', async () => {
    const broken = file(
      'broken.json',
      JSON.stringify({
        id: 'broken',
        name: 'broken',
        nodes: [
          { key: 'start', type: 'manual.trigger' },
          { key: 'pause', type: 'wait.wait', params: { mode: 'interval', unit: 'fortnights' } },
        ],
        connections: [{ from_node: 'start', to_node: 'pause' }],
      }),
    );
    const compiled = await prana('compile', broken);
    expect(compiled.code).toBe(3);
    expect(compiled.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} node "pause" \\S+: error \\S+: .+$`, 'm'));
    expect(compiled.stderr).toContain('does not compile');

    const typo = await prana('compile', file('typo.yaml', 'id: t\nname: t\nnodez: []\n'));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('is not a workflow');
    expect(typo.stderr).toContain('nodez');
    expect((await prana('compile', join(dir, 'missing.json'))).code).toBe(2);
  });

  it('exits 1 when the execution fails or is cancelled, 4 with the reason when the service refuses, 2 on bad usage', async () => {
    const failing = file(
      'failing.yaml',
      [
        'id: failing',
        'name: failing',
        'nodes:',
        '  - { key: start, type: manual.trigger }',
        '  - { key: boom, type: code.javascript, params: { code: "throw new Error(\'boom\')" } }',
        'connections:',
        '  - { from_node: start, to_node: boom }',
      ].join('\n'),
    );
    const failed = await prana('run', failing);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^✗ boom code\.javascript failed, \S+: .*boom/m);
    expect(failed.stdout).toMatch(/^execution \S+ failed after \d+ ms: /m);

    const waiting = await prana('run', 'examples/workflows/approval.yaml', '--no-follow');
    const id = waiting.stdout.trim();
    const watching = prana('watch', id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await prana('cancel', id, '--reason', 'not needed')).toMatchObject({ code: 0, stdout: `execution ${id}: cancelled\n` });
    const watched = await watching;
    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(/^⊘ approval wait\.wait cancelled/m);
    expect(watched.stdout).toMatch(/ cancelled after .*: not needed$/m);

    const missing = await prana('get', 'nope');
    expect(missing).toMatchObject({ code: 4, stdout: '' });
    expect(missing.stderr).toBe('error: not_found: Execution cli/nope not found\n  prana.v1.Execution cli/nope\n');
    const asJson = await prana('--json', 'get', 'nope');
    expect(asJson.code).toBe(4);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'NOT_FOUND', reason: 'not_found', resource: { type: 'prana.v1.Execution' } } });

    expect((await prana('list', '--status', 'bogus')).code).toBe(2);
    expect((await prana('frobnicate')).code).toBe(2);
    expect((await prana('run', 'examples/workflows/approval.yaml', '--input', '{nope')).code).toBe(2);
  });

  it('lists node types and manages schedules', async () => {
    const types = await prana('node-types');
    expect(types.code).toBe(0);
    expect(types.stdout).toMatch(/^wait\.wait\s+\S/m);
    const graphId = (await prana('compile', 'examples/workflows/approval.yaml')).stdout.trim();
    const created = await prana('schedules', 'create', 'hourly', '--graph', graphId, '--every', '3600000', '--overlap', 'allow_all');
    expect(created).toMatchObject({ code: 0, stdout: `hourly: every 3600000 ms → graph ${graphId}\n` });
    const triggered = await prana('schedules', 'trigger', 'hourly');
    expect(triggered.stdout.trim()).toMatch(/^cli\/sched-hourly-\S+-t1$/);
    expect((await prana('schedules', 'pause', 'hourly', '--note', 'quiet')).stdout).toBe(`hourly (paused): every 3600000 ms → graph ${graphId}\n`);
    const got = await prana('schedules', 'get', 'hourly');
    expect(got.stdout).toContain('started 1, skipped 0, missed 0');
    expect((await prana('schedules', 'list')).stdout).toContain('hourly (paused)');
    expect((await prana('schedules', 'delete', 'hourly')).stdout).toBe('schedule hourly deleted\n');
    expect((await prana('schedules', 'get', 'hourly')).code).toBe(4);
  });
});
