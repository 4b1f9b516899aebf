// The composition root: reads the configuration, builds the logger, starts the service (stores,
// application, gRPC server; see src/config/start-service.ts) and owns the process lifecycle: a graceful
// stop on SIGTERM / SIGINT, an immediate exit on a second signal.
import './config/v8-tuning.js';
import { pino } from 'pino';
import { loadConfig, type Config } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { startService } from './config/start-service.js';
import { stdoutDestination } from './config/log-destination.js';
import { startTracing } from './adapters/tracing/start-tracing.js';

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

  // Before anything else, so every span the service opens has a provider to go to.
  const tracing = config.tracing ? startTracing(process.env) : undefined;
  const destination = stdoutDestination();
  const logger = pino({ name: 'prana', level: config.logLevel }, destination.stream);
  const exit = (code: number): void => {
    // What stdout has not taken within a second is lost rather than holding the exit.
    void Promise.race([tracing?.shutdown().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())])
      .then(() => destination.drain(1000))
      .then(() => process.exit(code));
  };
  const service = await startService(config, logger);
  logger.info(
    {
      address: service.address,
      store: service.store,
      auth: config.auth.kind === 'open' ? `none (${config.auth.why})` : 'bearer tokens',
      tls: config.tls !== undefined,
    },
    `prana listening on ${service.address}`,
  );

  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down: health NOT_SERVING, draining calls in flight');
    process.once(signal, () => {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    });
    service.stop().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
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
