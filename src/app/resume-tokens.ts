import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SuspensionKind } from '../domain/suspension.js';

/** What a resume token names. */
export interface TokenClaims {
  readonly executionId: string;
  readonly nodeKey: string;
  readonly runIndex: number;
  readonly attempt: number;
  readonly kind: SuspensionKind;
}

const KINDS: ReadonlySet<string> = new Set(['interval', 'schedule', 'webhook', 'retry', 'sub_workflow', 'task']);

/**
 * Opaque, unguessable resume tokens: the claims in base64url, then an HMAC-SHA256 of them under the
 * service secret. The same suspension always gets the same token; any change breaks the signature.
 */
export class ResumeTokens {
  constructor(private readonly secret: string) {}

  /** The token of a suspension. */
  issue(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify([claims.executionId, claims.nodeKey, claims.runIndex, claims.attempt, claims.kind])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The claims of a token this service issued, or null for anything else. */
  verify(token: string): TokenClaims | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 2048) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
      if (!Array.isArray(parts) || parts.length !== 5) return null;
      const [executionId, nodeKey, runIndex, attempt, kind] = parts as unknown[];
      if (
        typeof executionId !== 'string' ||
        typeof nodeKey !== 'string' ||
        typeof runIndex !== 'number' ||
        typeof attempt !== 'number' ||
        typeof kind !== 'string' ||
        !KINDS.has(kind)
      ) {
        return null;
      }
      return { executionId, nodeKey, runIndex, attempt, kind: kind as SuspensionKind };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
