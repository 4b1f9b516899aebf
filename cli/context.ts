import { readFileSync } from 'node:fs';
import { PranaClient } from '../sdk/typescript/src/client.js';
import { UsageError } from './failure.js';

/** The options every command shares (from flags or the environment). */
export interface GlobalOptions {
  readonly address: string;
  readonly token?: string;
  readonly namespace?: string;
  readonly ca?: string;
  readonly json?: boolean;
  readonly timeout: string;
}

/** What a command works with: a client, where to print, and whether to print JSON. */
export interface CommandContext {
  readonly client: PranaClient;
  readonly json: boolean;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** True when stdout is a terminal (live views redraw in place). */
  readonly tty: boolean;
}

/** Builds the context of a command from the global options. */
export function contextOf(options: GlobalOptions): CommandContext {
  const timeoutMs = Number(options.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout must be a whole number of milliseconds');
  let rootCertificates: Buffer | undefined;
  if (options.ca !== undefined) {
    try {
      rootCertificates = readFileSync(options.ca);
    } catch (error) {
      throw new UsageError(`cannot read the CA file ${options.ca}: ${(error as Error).message}`);
    }
  }
  const client = new PranaClient(options.address, {
    timeoutMs,
    ...(rootCertificates === undefined ? {} : { rootCertificates }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
  });
  return {
    client,
    json: options.json === true,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    tty: process.stdout.isTTY === true,
  };
}

/** Parses a JSON option value. */
export function jsonOption(name: string, text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses repeated `key=value` options into an object. */
export function pairsOption(name: string, pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${name} takes key=value, not ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** Collects a repeated option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
