import type { JsonObject } from '../domain/json.js';
import type { ParamsPlan } from '../expressions/index.js';
import type { NodeType } from '../nodes/kit/node-type.js';

/**
 * The output ports a node may use (besides the virtual "error"): the declared ones, or for dynamic
 * types the set its literal params decide; null when any valid port name is allowed.
 */
export function outputPortsOf(type: NodeType, params: JsonObject | null, plan: ParamsPlan | null): readonly string[] | null {
  if (!type.dynamicPorts) return type.outputPorts;
  if (params === null || plan === null || type.literalOutputPorts === undefined) return null;
  return type.literalOutputPorts(params, plan.templatedKeys);
}
