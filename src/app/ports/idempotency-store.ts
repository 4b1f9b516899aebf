import type { JsonObject } from '../../domain/json.js';

/** The first call's record for an idempotency key. */
export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  /** Identifies the request; a different request under the same key is a conflict. */
  readonly fingerprint: string;
  /** What the first call produced (an execution id, a recorded resume outcome …). */
  readonly result: JsonObject;
  readonly createdAt: number;
}

/** Records of idempotent calls: StartExecution request ids, Resume request ids and tokens. */
export interface IdempotencyStore {
  /** Stores the record unless the (scope, key) exists; returns the stored record either way. */
  putIfAbsent(record: IdempotencyRecord): Promise<{ readonly created: boolean; readonly record: IdempotencyRecord }>;
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /**
   * Deletes up to `limit` records of the scopes created before `createdBefore` (retention); returns how
   * many. A scope covers its namespaced variants too (`start` covers `start/acme`). With
   * `fingerprintPrefix`, only records whose fingerprint starts with it.
   */
  removeCreatedBefore(createdBefore: number, scopes: readonly string[], limit: number, fingerprintPrefix?: string): Promise<number>;
  /** Deletes one record, if it exists. */
  remove(scope: string, key: string): Promise<void>;
}

/** The scope of the record that reserves an execution id for the request that created it; it goes with the execution. */
export const EXECUTION_ID_SCOPE = 'execution';

/**
 * The fingerprint prefix of a schedule tick's decision not to start it (`tick:skipped`, `tick:missed`),
 * recorded under the tick's execution id in EXECUTION_ID_SCOPE: the start and the decision against it
 * race for the same record, so a tick is decided once. Such records have no execution; retention ages them.
 */
export const TICK_DECISION_PREFIX = 'tick:';
