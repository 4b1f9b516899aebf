import type { NodeTypeInfo } from '../../../app/node-catalog.js';
import type { NodeType } from '../../../gen/prana/v1/node_type.js';
import { encodeStruct } from './json.js';

/** Encodes a catalog entry as prana.v1.NodeType. */
export function encodeNodeType(info: NodeTypeInfo): NodeType {
  return {
    type: info.type,
    description: info.description,
    trigger: info.trigger,
    inputPorts: [...info.inputPorts],
    outputPorts: [...info.outputPorts],
    dynamicPorts: info.dynamicPorts,
    defaultPort: info.defaultPort ?? '',
    sideEffects: info.sideEffects,
    paramsSchema: encodeStruct(info.paramsSchema),
    settingsSchema: encodeStruct(info.settingsSchema),
  };
}
