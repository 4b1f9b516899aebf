#!/usr/bin/env node
// Command line for the MongoDB-wire-protocol test server (FerretDB + SQLite, see tools/mongo-test-server).
//
//   node scripts/mongo-test-server.mjs build   build the Go binary into .cache/ (cached) and print its path
//   node scripts/mongo-test-server.mjs start   start it, print MONGODB_URI=mongodb://127.0.0.1:PORT/ on
//                                              stdout, run until SIGTERM/SIGINT, then stop it cleanly
//
// Progress goes to stderr, so stdout carries only the result line. MONGO_TEST_SERVER_LOG_LEVEL sets
// FerretDB's log level (debug, info, warn, error; default error).
import { buildServer, startServer } from './mongo-test-server-lib.mjs';

const USAGE = 'usage: node scripts/mongo-test-server.mjs build|start';

/** Builds the binary and prints its path. */
async function build() {
  console.log(await buildServer());
}

/** Starts the server in the foreground until signalled, or until it dies by itself (an error). */
async function start() {
  const server = await startServer({ logLevel: process.env.MONGO_TEST_SERVER_LOG_LEVEL ?? 'error' });
  console.log(`MONGODB_URI=${server.uri}`);
  console.error(`mongo-test-server: pid ${server.pid}, data in ${server.dataDir}; stop with SIGTERM or SIGINT`);

  let stopping = false;
  const onSignal = async (signal) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.error(`mongo-test-server: stopped on ${signal}`);
    process.exit(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const { code, signal } = await server.exited;
  if (!stopping) {
    await server.stop();
    console.error(`mongo-test-server: server exited unexpectedly (code ${code}, signal ${signal})`);
    process.exit(1);
  }
}

const commands = { build, start };
const command = commands[process.argv[2]];
if (!command || process.argv.length > 3) {
  console.error(USAGE);
  process.exit(2);
}
command().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
