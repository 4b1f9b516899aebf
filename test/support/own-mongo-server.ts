// A MongoDB test server of a test's own (tools/mongo-test-server), for tests that kill and restart it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCi } from './ci-mode.js';

/** What this file uses of scripts/mongo-test-server-lib.mjs (plain JS, so typed here). */
interface MongoTestServerLib {
  startServer(options?: { listen?: string; dataDir?: string; startTimeoutMs?: number }): Promise<LibServer>;
}

interface LibServer {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

// A computed specifier: TypeScript does not try to type the .mjs file, the interface above does.
const LIB_URL = new URL('../../scripts/mongo-test-server-lib.mjs', import.meta.url).href;

/** A server on one port and data directory that the test can kill and start again. */
export interface OwnMongoServer {
  /** `mongodb://127.0.0.1:PORT/`, the same across restarts. */
  readonly uri: string;
  /** Kills the server process with SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (after kill or stop). */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

/** True when the Go toolchain can build the test server (else the tests that need one skip, and fail under CI). */
export function canRunOwnMongoServer(): boolean {
  return isCi() || spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Starts a server of the test's own on a free port, with data that survives its restarts. */
export async function startOwnMongoServer(): Promise<OwnMongoServer> {
  const lib = (await import(LIB_URL)) as MongoTestServerLib;
  const dataDir = await mkdtemp(join(tmpdir(), 'prana-own-mongo-'));
  let server = await lib.startServer({ dataDir, startTimeoutMs: 120_000 });
  const uri = server.uri;
  const listen = /^mongodb:\/\/([^/]+)\//.exec(uri)?.[1];
  if (listen === undefined) throw new Error(`unexpected test server URI ${uri}`);
  let running = true;
  return {
    uri,
    kill: async () => {
      await server.kill();
      running = false;
    },
    restart: async () => {
      if (running) await server.stop();
      server = await lib.startServer({ dataDir, listen, startTimeoutMs: 60_000 });
      running = true;
    },
    close: async () => {
      if (running) await server.stop();
      running = false;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
