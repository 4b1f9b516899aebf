// Installs n8n's engine packages on demand into the git-ignored folder bench/.peers/n8n/, never as a
// project dependency. Idempotent: skips the install when the pinned versions are already present.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact n8n package versions the peer benchmark installs (n8n-core 2.41.1 requires n8n-workflow 2.41.0). */
export const N8N_PEER_VERSIONS = { 'n8n-core': '2.41.1', 'n8n-workflow': '2.41.0' } as const;

type PeerPackage = keyof typeof N8N_PEER_VERSIONS;

const MARKER = '.prana-peer.json';
const NETWORK_FAILURE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket hang up|E50[234]/i;

/** The repository root: the nearest folder above this module holding package.json and bench/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && isDirectory(join(dir, 'bench'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('n8n peer: cannot find the project root (package.json next to bench/)');
    dir = parent;
  }
}

/** The folder n8n is installed into: bench/.peers/n8n/ under the project root. */
export function n8nPeerDir(): string {
  return join(projectRoot(), 'bench', '.peers', 'n8n');
}

/** The version of an installed peer package, or null when it is missing. */
export function installedVersion(dir: string, name: PeerPackage): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : null;
  } catch {
    return null;
  }
}

/** Whether `dir` holds a completed install of exactly the pinned versions. */
export function isN8nInstalled(dir: string = n8nPeerDir()): boolean {
  if (!existsSync(join(dir, MARKER))) return false;
  return (Object.keys(N8N_PEER_VERSIONS) as PeerPackage[]).every((name) => installedVersion(dir, name) === N8N_PEER_VERSIONS[name]);
}

/** Installs the pinned n8n-core and n8n-workflow into `dir` (default bench/.peers/n8n/) unless present; returns the folder. */
export async function installN8n(options: { dir?: string; log?: (line: string) => void } = {}): Promise<string> {
  const dir = options.dir ?? n8nPeerDir();
  if (isN8nInstalled(dir)) return dir;
  const specs = (Object.keys(N8N_PEER_VERSIONS) as PeerPackage[]).map((name) => `${name}@${N8N_PEER_VERSIONS[name]}`);
  options.log?.(`installing ${specs.join(' ')} into ${dir} (about 330 MB, once)`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'prana-peer-n8n', private: true }, null, 2)}\n`);
  }
  // One retry with short waits, so an unreachable registry fails in seconds rather than minutes.
  const args = [
    'install',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--save-exact',
    '--loglevel=error',
    '--fetch-retries=1',
    '--fetch-retry-mintimeout=2000',
    '--fetch-retry-maxtimeout=5000',
    '--prefix',
    dir,
    ...specs,
  ];
  const { code, output } = await run('npm', args);
  if (code !== 0) {
    const said = summarise(output);
    if (NETWORK_FAILURE.test(output)) {
      throw new Error(
        `n8n peer: the npm registry is unreachable, so ${specs.join(' ')} cannot be installed into ${dir}. Run the benchmark without the n8n comparison, or with registry access.\nnpm said:\n${said}`,
      );
    }
    throw new Error(`n8n peer: npm install ${specs.join(' ')} into ${dir} failed (exit ${code}).\nnpm said:\n${said}`);
  }
  for (const name of Object.keys(N8N_PEER_VERSIONS) as PeerPackage[]) {
    const found = installedVersion(dir, name);
    if (found !== N8N_PEER_VERSIONS[name]) throw new Error(`n8n peer: after install, ${name} is ${found ?? 'missing'}, expected ${N8N_PEER_VERSIONS[name]}`);
  }
  writeFileSync(join(dir, MARKER), `${JSON.stringify({ versions: N8N_PEER_VERSIONS, installedAt: new Date().toISOString() }, null, 2)}\n`);
  return dir;
}

/** npm's error code and message lines when present, else the last lines of its output. */
function summarise(output: string): string {
  const lines = output.trim().split('\n');
  const key = lines.filter((line) => /^npm error (code |errno |network |\w*Error: |request to )/.test(line) || /^npm error [^ ]+ request to /.test(line));
  return (key.length > 0 ? key.slice(0, 6) : lines.slice(-12)).join('\n');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Runs a command, collecting stdout and stderr together; a spawn failure becomes a clear error. */
function run(command: string, args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(new Error(`n8n peer: cannot run ${command}: ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
