import type { NodeType } from '../kit/node-type.js';
import { createRegistry, type NodeRegistry } from '../kit/registry.js';
import { manualTriggerNode } from './manual-trigger.js';
import { scheduleCronTriggerNode } from './schedule-cron-trigger.js';
import { webhookTriggerNode } from './webhook-trigger.js';
import { ifConditionNode } from './if-condition.js';
import { switchNode } from './switch.js';
import { setDataNode } from './set-data.js';
import { mergeNode } from './merge.js';
import { setStateNode } from './set-state.js';
import { executeWorkflowNode } from './execute-workflow.js';
import { waitNode } from './wait.js';
import { forEachNode } from './for-each.js';
import { logNode } from './log.js';
import { httpRequestNode } from './http-request.js';
import { codeJavascriptNode } from './code-javascript.js';
import { taskExternalNode } from './task-external.js';

/** The built-in node catalog, in the order of its summary table. */
export function builtinNodeTypes(): NodeType[] {
  return [
    manualTriggerNode,
    scheduleCronTriggerNode,
    webhookTriggerNode,
    ifConditionNode,
    switchNode,
    setDataNode,
    mergeNode,
    setStateNode,
    executeWorkflowNode,
    waitNode,
    forEachNode,
    logNode,
    httpRequestNode,
    codeJavascriptNode,
    taskExternalNode,
  ];
}

/** A registry of the built-in node types. */
export function builtinRegistry(): NodeRegistry {
  return createRegistry(builtinNodeTypes());
}
