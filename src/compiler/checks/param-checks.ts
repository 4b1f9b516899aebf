import type { JsonObject } from '../../domain/json.js';
import { isJsonObject } from '../../domain/json.js';
import { appendPath } from '../../domain/param-path.js';
import { compileParams, type ParamsPlan } from '../../expressions/index.js';
import type { NodeType } from '../../nodes/kit/node-type.js';
import { addFieldError, validateParams, type FieldErrors } from '../../nodes/kit/schema.js';
import { finding, type Finding } from '../finding.js';
import { frozenJsonObject } from '../frozen.js';
import type { TemplateLimits } from '../options.js';

/** What checking one node's params yields: its params, deep-frozen, and plan (null when params is not an object). */
export interface ParamCheckResult {
  readonly params: JsonObject | null;
  readonly plan: ParamsPlan | null;
  /** For a constant plan that validates: the validated params, frozen, which the engine uses as they are. */
  readonly constantParams: JsonObject | null;
  readonly findings: Finding[];
}

/** True when a rooted error path lies inside one of the templated top-level params. */
function insideTemplated(path: string, templated: ReadonlySet<string>): boolean {
  for (const key of templated) {
    const prefix = appendPath('params', key);
    if (path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[')) return true;
  }
  return false;
}

/**
 * Checks 9 to 13 for one node: template and directive diagnostics from the
 * expression compiler (raw params excluded), the schema on literal params and absent required ones
 * (`invalid_params`, one diagnostic per path), undeclared params of closed schemas
 * (`unknown_param`), and the type's own compile checks. An unknown type gets only checks 9 and 10.
 */
export function checkParams(
  rawParams: unknown,
  position: number,
  nodeKey: string,
  type: NodeType | undefined,
  templateLimits: TemplateLimits,
): ParamCheckResult {
  const given = rawParams === undefined || rawParams === null ? {} : rawParams;
  if (!isJsonObject(given)) {
    return {
      params: null,
      plan: null,
      constantParams: null,
      findings: [finding(position, { code: 'invalid_params', severity: 'error', nodeKey, paramPath: 'params', message: 'is invalid' })],
    };
  }
  // A frozen copy: the expression compiler freezes constant params in place, and the caller's
  // definition must stay untouched. The graph keeps this same copy.
  const params = frozenJsonObject(given);
  const compiled = compileParams(params, {
    ...(type === undefined ? {} : { raw: type.rawParams }),
    limits: templateLimits,
    root: 'params',
  });
  const findings: Finding[] = compiled.diagnostics.map((d) =>
    finding(position, { code: d.code, severity: d.severity, nodeKey, paramPath: d.paramPath, message: d.message }),
  );
  const plan = compiled.plan;
  if (type === undefined) return { params, plan, constantParams: null, findings };

  const templated = plan.templatedKeys;
  const errors: FieldErrors = {};
  const validation = validateParams(type.schema, params, 'params', templated);
  if (!validation.ok) {
    for (const [path, messages] of Object.entries(validation.errors)) {
      if (insideTemplated(path, templated)) continue;
      for (const message of messages) addFieldError(errors, path, message);
    }
  }
  if (type.compileChecks !== undefined) {
    const own = type.compileChecks(params, templated);
    for (const [path, messages] of Object.entries(own.fieldErrors)) for (const message of messages) addFieldError(errors, path, message);
    for (const check of own.findings) {
      findings.push(
        finding(position, {
          code: check.code,
          severity: check.severity,
          nodeKey,
          ...(check.paramPath === undefined ? {} : { paramPath: check.paramPath }),
          message: check.message,
        }),
      );
    }
  }
  for (const [paramPath, messages] of Object.entries(errors)) {
    const unique = [...new Set(messages)];
    findings.push(finding(position, { code: 'invalid_params', severity: 'error', nodeKey, paramPath, message: unique.join('; ') }));
  }
  if (type.schema.open !== true) {
    for (const key of Object.keys(params)) {
      if (Object.prototype.hasOwnProperty.call(type.schema.fields, key)) continue;
      findings.push(
        finding(position, {
          code: 'unknown_param',
          severity: 'warning',
          nodeKey,
          paramPath: appendPath('params', key),
          message: `param ${JSON.stringify(key)} is not declared by ${type.type}; it is ignored`,
        }),
      );
    }
  }
  const constantParams = plan.isConstant && plan.constant !== null && validation.ok ? frozenValidated(validation.value) : null;
  return { params, plan, constantParams, findings };
}

/**
 * Validated params, frozen: validation builds a new top-level object over the (frozen) given values,
 * so freezing that object is enough unless it built nested values too, which are then copied frozen.
 */
function frozenValidated(value: JsonObject): JsonObject {
  for (const key in value) {
    const item = value[key];
    if (item !== null && typeof item === 'object' && !Object.isFrozen(item)) return frozenJsonObject(value);
  }
  return Object.freeze(value);
}
