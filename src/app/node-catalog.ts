import { nodeSettingsJsonSchema } from '../compiler/node-settings-schema.js';
import { didYouMean } from '../domain/did-you-mean.js';
import type { JsonObject } from '../domain/json.js';
import type { NodeRegistry } from '../nodes/kit/registry.js';
import type { NodeType } from '../nodes/kit/node-type.js';
import { paramsJsonSchema } from '../nodes/kit/params-json-schema.js';
import { AppError } from './app-error.js';
import { RequestCheck } from './request-check.js';

/** A node type as the catalog describes it: what a workflow author needs, none of the behaviour. */
export interface NodeTypeInfo extends Pick<
  NodeType,
  'type' | 'description' | 'trigger' | 'inputPorts' | 'outputPorts' | 'dynamicPorts' | 'defaultPort' | 'sideEffects'
> {
  readonly paramsSchema: JsonObject;
  readonly settingsSchema: JsonObject;
}

/** The description of one node type (its params and settings as JSON Schema). */
export function nodeTypeInfo(nodeType: NodeType): NodeTypeInfo {
  return {
    type: nodeType.type,
    description: nodeType.description,
    trigger: nodeType.trigger,
    inputPorts: nodeType.inputPorts,
    outputPorts: nodeType.outputPorts,
    dynamicPorts: nodeType.dynamicPorts,
    defaultPort: nodeType.defaultPort,
    sideEffects: nodeType.sideEffects,
    paramsSchema: paramsJsonSchema(nodeType.schema),
    settingsSchema: nodeSettingsJsonSchema(),
  };
}

const CATALOGS = new WeakMap<NodeRegistry, readonly NodeTypeInfo[]>();

/** Every node type of the registry, described once per registry, in the registry's order. */
export function nodeCatalog(registry: NodeRegistry): readonly NodeTypeInfo[] {
  let catalog = CATALOGS.get(registry);
  if (catalog === undefined) {
    catalog = Object.freeze([...registry.values()].map(nodeTypeInfo));
    CATALOGS.set(registry, catalog);
  }
  return catalog;
}

/** One node type of the registry; NOT_FOUND (with the closest known name) when there is none. */
export function nodeTypeOf(registry: NodeRegistry, type: string): NodeTypeInfo {
  new RequestCheck().id('type', type).done();
  const found = nodeCatalog(registry).find((info) => info.type === type);
  if (found !== undefined) return found;
  throw new AppError({
    reason: 'not_found',
    message: `NodeType ${type} not found${didYouMean(type, [...registry.keys()])}`,
    resource: { type: 'prana.v1.NodeType', name: type },
  });
}
