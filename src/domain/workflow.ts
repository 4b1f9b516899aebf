import type { Json } from './json.js';

/** What happens after a node error once retries are used up. */
export type OnError = 'stop_workflow' | 'continue' | 'continue_error_output';

/** The closed set of on_error values, for validation and decoding. */
export const ON_ERROR_VALUES: readonly OnError[] = ['stop_workflow', 'continue', 'continue_error_output'];

/**
 * A workflow as a caller sends it, decoded from the wire but not yet validated: the compiler
 * checks every field. Absent fields take their defaults.
 */
export interface WorkflowDefinition {
  readonly id: string;
  readonly name: string;
  readonly version?: number | undefined;
  readonly variables?: Json | undefined;
  readonly settings?: WorkflowSettingsDefinition | undefined;
  readonly nodes: readonly NodeDefinition[];
  readonly connections: readonly ConnectionDefinition[];
  readonly trigger?: string | undefined;
}

/** Workflow-level settings. */
export interface WorkflowSettingsDefinition {
  readonly maxLoopIterations?: number | undefined;
}

/** One node of a workflow definition. */
export interface NodeDefinition {
  readonly key: string;
  readonly name?: string | undefined;
  readonly type: string;
  readonly params?: Json | undefined;
  readonly settings?: NodeSettingsDefinition | undefined;
}

/** Node settings as sent; the compiler fills defaults and checks bounds. */
export interface NodeSettingsDefinition {
  readonly onError?: string | undefined;
  readonly retryOnFailed?: boolean | undefined;
  readonly maxRetries?: number | undefined;
  readonly retryDelayMs?: number | undefined;
  readonly retryBackoff?: number | undefined;
  readonly retryMaxDelayMs?: number | undefined;
}

/** A connection from an output port to an input port; absent ports mean "main". */
export interface ConnectionDefinition {
  readonly from: string;
  readonly fromPort?: string | undefined;
  readonly to: string;
  readonly toPort?: string | undefined;
}

/** Node settings with every default filled in and every bound checked. */
export interface NodeSettings {
  readonly onError: OnError;
  readonly retryOnFailed: boolean;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly retryBackoff: number;
  readonly retryMaxDelayMs: number;
}

/** The defaults of the execution semantics. */
export const DEFAULT_NODE_SETTINGS: NodeSettings = Object.freeze({
  onError: 'stop_workflow',
  retryOnFailed: false,
  maxRetries: 1,
  retryDelayMs: 1000,
  retryBackoff: 1,
  retryMaxDelayMs: 3_600_000,
});
