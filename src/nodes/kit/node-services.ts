import type { JsonObject } from '../../domain/json.js';

/** A structured log record a node writes. */
export interface NodeLogRecord {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: JsonObject;
}

/** Which outbound HTTP destinations are allowed. */
export interface OutboundPolicy {
  /** Before connecting: true when requests to this URL's host (name or address) may be made. */
  allows(url: URL): boolean;
  /** On connecting: true when `address`, the one resolved for `host` and connected to, may be reached. */
  allowsAddress(address: string, host: string): boolean;
}

/** Limits nodes enforce, from service settings. */
export interface NodeLimits {
  readonly httpMaxBodyBytes: number;
  readonly codeDefaultTimeoutMs: number;
  readonly codeMaxTimeoutMs: number;
  readonly codeMemoryBytes: number;
  /** Worker threads that run `code.javascript` sandboxes at once; more attempts wait their turn. */
  readonly codeWorkers: number;
  readonly subWorkflowMaxDepth: number;
  readonly subWorkflowMaxBatch: number;
}

/** Default limits of the execution semantics. */
export const DEFAULT_NODE_LIMITS: NodeLimits = Object.freeze({
  httpMaxBodyBytes: 10 * 1024 * 1024,
  codeDefaultTimeoutMs: 1000,
  codeMaxTimeoutMs: 30_000,
  codeMemoryBytes: 64 * 1024 * 1024,
  codeWorkers: 2,
  subWorkflowMaxDepth: 10,
  subWorkflowMaxBatch: 1000,
});

/** Services handed to node implementations by the runner; each is a named port. */
export interface NodeServices {
  readonly log: (record: NodeLogRecord) => void;
  readonly outbound: OutboundPolicy;
  readonly limits: NodeLimits;
  /**
   * True when a compiled graph with this id exists where the execution `executionId` may run it (its
   * namespace) (workflow.execute_workflow).
   */
  graphExists(graphId: string, executionId: string): boolean | Promise<boolean>;
  /** Deterministic child execution id. */
  childExecutionId(parentExecutionId: string, nodeKey: string, runIndex: number, attempt: number, itemIndex: number): string;
  /** Deterministic external task id. */
  taskId(executionId: string, nodeKey: string, runIndex: number, attempt: number): string;
}
