import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from '../../../config/config-schema.js';
import type { Principal } from './principal.js';

/**
 * Verifies API keys against the SHA-256 digests in the configuration: the presented key is hashed and
 * compared with every configured digest in constant time, so neither the comparison nor the number of
 * keys checked tells an attacker how close a guess came.
 */
export class ApiKeyVerifier {
  private readonly keys: readonly { readonly digest: Buffer; readonly principal: Principal }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.keys = entries.map((entry) => ({
      digest: Buffer.from(entry.sha256, 'hex'),
      principal: Object.freeze({ name: entry.name, via: 'api_key', scopes: new Set(entry.scopes), namespaces: new Set(entry.namespaces) }),
    }));
  }

  /** The key's holder, or null when no configured key matches. */
  verify(key: string): Principal | null {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: Principal | null = null;
    for (const candidate of this.keys) {
      if (timingSafeEqual(candidate.digest, digest) && found === null) found = candidate.principal;
    }
    return found;
  }
}
