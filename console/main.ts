// `npm run console`: the web console, a client of the service at PRANA_ADDRESS (default
// 127.0.0.1:50051), on http://127.0.0.1:8080 (PRANA_CONSOLE_PORT, PRANA_CONSOLE_HOST).
import { readFileSync } from 'node:fs';
import { startConsole } from './server.js';

const env = process.env;
const running = await startConsole({
  target: env.PRANA_ADDRESS ?? '127.0.0.1:50051',
  host: env.PRANA_CONSOLE_HOST ?? '127.0.0.1',
  port: Number(env.PRANA_CONSOLE_PORT ?? '8080'),
  ...(env.PRANA_TOKEN === undefined ? {} : { token: env.PRANA_TOKEN }),
  ...(env.PRANA_NAMESPACE === undefined ? {} : { namespace: env.PRANA_NAMESPACE }),
  ...(env.PRANA_CA === undefined ? {} : { rootCertificates: readFileSync(env.PRANA_CA) }),
});
process.stdout.write(`console on ${running.url} (service ${env.PRANA_ADDRESS ?? '127.0.0.1:50051'})\n`);
const stop = (): void => {
  void running.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
