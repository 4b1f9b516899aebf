// Builds and runs tools/mongo-test-server (FerretDB v1 with its SQLite backend, embedded in a small Go
// program): a real MongoDB-wire-protocol server for tests. Plain Node ESM so it runs without a TS build.
//
//   buildServer()  -> absolute path of the cached binary (built once per source hash)
//   startServer()  -> { uri, pid, dataDir, stop() } once the server answers a MongoDB ping
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';

const execFileAsync = promisify(execFile);

/** The repository root (this file lives in scripts/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Go sources of the test server. */
export const sourceDir = join(repoRoot, 'tools', 'mongo-test-server');

/** Where built binaries are cached, one file per source hash. */
export const cacheDir = join(repoRoot, '.cache', 'mongo-test-server');

const BINARY_PREFIX = 'mongo-test-server-';
// No PostgreSQL backend: the tests only use SQLite, and the binary is smaller without it.
const BUILD_TAGS = 'ferretdb_no_postgresql';
const SOURCE_FILE = /\.go$|^go\.(mod|sum)$/;

/** Hashes everything that decides the binary: Go sources, go.mod, go.sum, build tags and Go version. */
export async function sourceHash() {
  const hash = createHash('sha256');
  const names = (await readdir(sourceDir)).filter((n) => SOURCE_FILE.test(n)).sort();
  for (const name of names) {
    hash.update(`${name}\0`);
    hash.update(await readFile(join(sourceDir, name)));
    hash.update('\0');
  }
  const { stdout: goVersion } = await execFileAsync('go', ['version'], { cwd: sourceDir });
  hash.update(`tags=${BUILD_TAGS}\0${goVersion.trim()}`);
  return hash.digest('hex').slice(0, 16);
}

/** True when a file exists at path. */
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the Go test server unless a binary for the current source hash is cached; returns its path.
 * Options: log (a function taking a line; default console.error).
 */
export async function buildServer({ log = (line) => console.error(line) } = {}) {
  const binary = join(cacheDir, `${BINARY_PREFIX}${await sourceHash()}`);
  if (await exists(binary)) return binary;

  await mkdir(cacheDir, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const started = Date.now();
  log(`mongo-test-server: building ${binary} (first build fetches Go modules; takes minutes) ...`);
  try {
    await execFileAsync('go', ['build', '-trimpath', '-tags', BUILD_TAGS, '-o', partial, '.'], {
      cwd: sourceDir,
      env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    await rm(partial, { force: true });
    throw new Error(`mongo-test-server: go build failed:\n${err.stderr || err.message}`);
  }
  await rename(partial, binary); // atomic: a concurrent build of the same hash just replaces it
  log(`mongo-test-server: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await removeStaleBinaries(binary);
  return binary;
}

/** Deletes cached binaries of older source hashes. */
async function removeStaleBinaries(keep) {
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name);
    if (name.startsWith(BINARY_PREFIX) && path !== keep && !name.endsWith('.partial')) {
      await rm(path, { force: true });
    }
  }
}

/** Waits for the child's "MONGODB_URI=..." line; rejects if it exits first or the deadline passes. */
function readAnnouncedUri(child, deadline, stderrTail) {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error('did not print its URI in time')), deadline - Date.now());
    function settle() {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
    }
    function fail(err) {
      settle();
      reject(err);
    }
    function onExit(code, signal) {
      fail(new Error(`exited during start (code ${code}, signal ${signal}):\n${stderrTail()}`));
    }
    function onLine(line) {
      const match = /^MONGODB_URI=(\S+)$/.exec(line);
      if (!match) return;
      settle();
      resolvePromise(match[1]);
    }
    child.on('exit', onExit);
    lines.on('line', onLine);
  });
}

/** Retries a MongoDB ping through the official driver until it succeeds or the deadline passes. */
export async function waitForPing(uri, deadline) {
  let lastError;
  while (Date.now() < deadline) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await client.close().catch(() => {});
    }
    await sleep(200);
  }
  throw new Error(`no answer to a MongoDB ping at ${uri}: ${lastError?.message ?? 'deadline passed'}`);
}

/** Sends SIGTERM and waits for exit (SIGKILL after graceMs). */
async function stopChild(child, graceMs) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Builds (if needed) and starts the test server, and resolves once it answers a MongoDB ping. Options:
 * listen (default 127.0.0.1:0, a free port), dataDir (default a fresh temp dir, removed when the server
 * stops; a given one is kept, so a server can be restarted on the same data), startTimeoutMs (default
 * 30 s), logLevel (FerretDB's: debug, info, warn, error; default error), log. Resolves to { uri, pid,
 * dataDir, stop(), kill(), exited }: kill() ends it with SIGKILL, as a crash would.
 */
export async function startServer({ listen = '127.0.0.1:0', dataDir: givenDir, startTimeoutMs = 30_000, logLevel = 'error', log } = {}) {
  const binary = await buildServer({ log });
  const dataDir = givenDir ?? (await mkdtemp(join(tmpdir(), 'prana-mongo-test-')));
  const removeDir = givenDir === undefined;
  // Port 0: the server binds a free port itself and announces it, so no port can be taken in between.
  // stdin is a pipe the server watches: if this process dies without stopping it, the server exits too.
  // Its own process group: a Ctrl-C meant for this process reaches the server only through stop().
  const args = ['-listen', listen, '-data-dir', dataDir, '-log-level', logLevel, '-exit-on-stdin-eof', ...(removeDir ? ['-remove-data-dir'] : [])];
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000);
    process.stderr.write(chunk);
  });
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const stop = async (graceMs = 15_000) => {
    await stopChild(child, graceMs);
    if (removeDir) await rm(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + startTimeoutMs;
  try {
    const uri = await readAnnouncedUri(child, deadline, () => stderr);
    await waitForPing(uri, deadline);
    return { uri, pid: child.pid, dataDir, exited, stop, kill };
  } catch (err) {
    await stop(2000);
    throw new Error(`mongo-test-server did not come up within ${startTimeoutMs} ms: ${err.message}`);
  }
}
