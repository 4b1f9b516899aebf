import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { JsonObject } from '../domain/json.js';

/** Identifies this compiler's output; part of every graph id, so a new version never reuses old ids. */
export const COMPILER_VERSION = 'prana-compiler/1';

/**
 * The graph id: lowercase hex SHA-256 of the canonical JSON of
 * `{compiler_version, definition}`, where `definition` is the wire form with defaults filled in.
 * Canonical JSON sorts object keys but keeps arrays, so node and connection order count.
 */
export function graphIdOf(wireDefinition: JsonObject, compilerVersion: string = COMPILER_VERSION): string {
  const text = canonicalJson({ compiler_version: compilerVersion, definition: wireDefinition });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
