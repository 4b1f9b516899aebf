import { ON_ERROR_VALUES, DEFAULT_NODE_SETTINGS, type NodeSettings, type NodeSettingsDefinition, type OnError } from '../../domain/workflow.js';
import type { NodeType } from '../../nodes/kit/node-type.js';
import { finding, type Finding } from '../finding.js';

/** Bounds of one numeric setting. */
export interface NumericRule {
  readonly field: 'maxRetries' | 'retryDelayMs' | 'retryBackoff' | 'retryMaxDelayMs';
  readonly path: string;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

/** The bounds of the numeric node settings (also published as JSON Schema by the catalog). */
export const NUMERIC_RULES: readonly NumericRule[] = [
  { field: 'maxRetries', path: 'settings.max_retries', integer: true, min: 1, max: 10 },
  { field: 'retryDelayMs', path: 'settings.retry_delay_ms', integer: true, min: 0, max: 60_000 },
  { field: 'retryBackoff', path: 'settings.retry_backoff', integer: false, min: 1, max: 10 },
  { field: 'retryMaxDelayMs', path: 'settings.retry_max_delay_ms', integer: true, min: 0, max: 86_400_000 },
];

/** The message for a numeric setting outside its rule, or null when it is fine. */
function numericProblem(rule: NumericRule, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) return 'is invalid';
  if (value < rule.min) return `must be at least ${rule.min}`;
  if (value > rule.max) return `must be at most ${rule.max}`;
  return null;
}

function isOnError(value: unknown): value is OnError {
  return typeof value === 'string' && (ON_ERROR_VALUES as readonly string[]).includes(value);
}

/**
 * Check 7 (`invalid_node_settings`, path `settings.<field>`) and check 8
 * (`on_error_continue_unsupported`). Returns the settings with defaults filled in; a field that
 * fails its check keeps its default (the workflow does not compile anyway).
 */
export function checkNodeSettings(
  settings: NodeSettingsDefinition | null | undefined,
  position: number,
  nodeKey: string,
  type: NodeType | undefined,
): { settings: NodeSettings; findings: Finding[] } {
  const findings: Finding[] = [];
  const invalid = (paramPath: string, message: string): void => {
    findings.push(finding(position, { code: 'invalid_node_settings', severity: 'error', nodeKey, paramPath, message }));
  };
  const given = settings ?? {};
  let onError: OnError = DEFAULT_NODE_SETTINGS.onError;
  if (given.onError !== undefined && given.onError !== null) {
    if (isOnError(given.onError)) onError = given.onError;
    else invalid('settings.on_error', `must be one of: ${ON_ERROR_VALUES.join(', ')}`);
  }
  let retryOnFailed = DEFAULT_NODE_SETTINGS.retryOnFailed;
  if (given.retryOnFailed !== undefined && given.retryOnFailed !== null) {
    if (typeof given.retryOnFailed === 'boolean') retryOnFailed = given.retryOnFailed;
    else invalid('settings.retry_on_failed', 'is invalid');
  }
  const numbers: Record<NumericRule['field'], number> = {
    maxRetries: DEFAULT_NODE_SETTINGS.maxRetries,
    retryDelayMs: DEFAULT_NODE_SETTINGS.retryDelayMs,
    retryBackoff: DEFAULT_NODE_SETTINGS.retryBackoff,
    retryMaxDelayMs: DEFAULT_NODE_SETTINGS.retryMaxDelayMs,
  };
  for (const rule of NUMERIC_RULES) {
    const value: unknown = given[rule.field];
    if (value === undefined || value === null) continue;
    const problem = numericProblem(rule, value);
    if (problem === null) numbers[rule.field] = value as number;
    else invalid(rule.path, problem);
  }
  if (onError === 'continue' && type !== undefined && type.defaultPort === null) {
    findings.push(
      finding(position, {
        code: 'on_error_continue_unsupported',
        severity: 'error',
        nodeKey,
        paramPath: 'settings.on_error',
        message: 'on_error "continue" needs a default output port; use "continue_error_output"',
      }),
    );
  }
  return { settings: Object.freeze({ onError, retryOnFailed, ...numbers }), findings };
}
