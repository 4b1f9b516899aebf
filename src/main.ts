// The composition root: reads the configuration, builds the logger and the gRPC server, and owns the
// process lifecycle (graceful stop on SIGTERM / SIGINT). Only this file knows every concrete class.
import { pino } from 'pino';
import { loadConfig, type Config } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { startGrpcServer } from './transport/grpc/server.js';

/** Starts Prana and stops it gracefully on SIGTERM or SIGINT (exit code 0). */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`prana: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }

  const logger = pino({ name: 'prana', level: config.logLevel });
  const server = await startGrpcServer({
    address: config.grpcAddress.text,
    logger,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  logger.info(
    { address: server.address, store: config.mongodbUri === undefined ? 'memory' : 'mongodb' },
    `prana listening on ${server.address}`,
  );

  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down: health NOT_SERVING, draining calls in flight');
    server.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(`prana: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
