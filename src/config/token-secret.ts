import { ConfigError } from './config-error.js';

/** Shortest accepted resume-token secret: HMAC-SHA256 keys shorter than this are guessable. */
export const MIN_TOKEN_SECRET_LENGTH = 32;

/**
 * Accepts the secret that signs resume tokens: at least 32 characters. Undefined stays undefined (the
 * composition root then uses a random per-process secret and warns that tokens die with the process
 * and differ between replicas).
 */
export function parseTokenSecret(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < MIN_TOKEN_SECRET_LENGTH) {
    throw new ConfigError(
      variable,
      `too short: ${value.length} characters; use at least ${MIN_TOKEN_SECRET_LENGTH} random characters (e.g. openssl rand -hex 32)`,
    );
  }
  return value;
}
