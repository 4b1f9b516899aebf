import { ConfigError } from './config-error.js';

/** Log levels the service accepts (pino's names). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses a log level name (case-insensitive); throws ConfigError for anything else. */
export function parseLogLevel(variable: string, value: string): LogLevel {
  const level = LOG_LEVELS.find((candidate) => candidate === value.toLowerCase());
  if (level === undefined) {
    throw new ConfigError(variable, `invalid log level ${JSON.stringify(value)}: expected one of ${LOG_LEVELS.join(', ')}`);
  }
  return level;
}
