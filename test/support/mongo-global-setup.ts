// Vitest globalSetup: makes a MongoDB server available to the run and provides its URI as 'mongoUri'.
// MONGODB_URI set: use it. Otherwise, with `go` on PATH: build (cached) and start tools/mongo-test-server
// (FerretDB + SQLite) for the run and stop it afterwards. Otherwise: provide null (suites skip; CI fails).
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { isCi } from './ci-mode.js';

/** What this file uses of scripts/mongo-test-server-lib.mjs (plain JS, so typed here). */
interface MongoTestServerLib {
  startServer(options?: { startTimeoutMs?: number; logLevel?: string }): Promise<RunningServer>;
}

/** A started test server. */
interface RunningServer {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
}

// A computed specifier: TypeScript does not try to type the .mjs file, the interface above does.
const LIB_URL = new URL('../../scripts/mongo-test-server-lib.mjs', import.meta.url).href;

/** True when a `go` command runs. */
function goOnPath(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Starts the Go-built server; outside CI a failure only warns (the MongoDB suites then skip). */
async function startTestServer(): Promise<RunningServer | undefined> {
  const lib = (await import(LIB_URL)) as MongoTestServerLib;
  try {
    return await lib.startServer({ startTimeoutMs: 60_000 });
  } catch (err) {
    if (isCi()) throw err;
    console.warn(`[mongo] could not start the test server, MongoDB suites will skip: ${String(err)}`);
    return undefined;
  }
}

/** Provides 'mongoUri' and returns the teardown that stops a server this file started. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) {
    console.log(`[mongo] tests use MONGODB_URI=${fromEnv}`);
    project.provide('mongoUri', fromEnv);
    return undefined;
  }
  if (!goOnPath()) {
    console.warn('[mongo] no MONGODB_URI and no `go` on PATH: MongoDB suites will skip (and fail under CI=true)');
    project.provide('mongoUri', null);
    return undefined;
  }
  const server = await startTestServer();
  project.provide('mongoUri', server?.uri ?? null);
  if (!server) return undefined;
  console.log(`[mongo] started tools/mongo-test-server (FerretDB) for this run at ${server.uri} (pid ${server.pid})`);
  return () => server.stop();
}
