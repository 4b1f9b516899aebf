import type { ConnectionDefinition, NodeDefinition, NodeSettingsDefinition, OnError as DomainOnError, WorkflowDefinition } from '../../../domain/workflow.js';
import { OnError, type Connection, type Node, type NodeSettings, type Workflow } from '../../../gen/prana/v1/workflow.js';
import { decodeJson, decodeStruct } from './json.js';

/**
 * Decodes a prana.v1.Workflow into the definition the compiler checks. The wire shape is permissive
 * (workflow.proto): values out of range are left for the compiler to report as diagnostics, so only
 * what JSON cannot hold (non-finite numbers) is refused here.
 */
export function decodeWorkflow(workflow: Workflow): WorkflowDefinition {
  return {
    id: workflow.id,
    name: workflow.name,
    version: workflow.version,
    variables: workflow.variables === undefined ? undefined : decodeJson(workflow.variables, 'workflow.variables'),
    settings: workflow.settings === undefined ? undefined : { maxLoopIterations: workflow.settings.maxLoopIterations },
    nodes: workflow.nodes.map((node, index) => decodeNode(node, `workflow.nodes[${index}]`)),
    connections: workflow.connections.map(decodeConnection),
    trigger: workflow.trigger === '' ? undefined : workflow.trigger,
  };
}

/** Decodes one node; absent params and settings take their defaults in the compiler. */
function decodeNode(node: Node, field: string): NodeDefinition {
  return {
    key: node.key,
    name: node.name,
    type: node.type,
    params: decodeStruct(node.params, `${field}.params`),
    settings: node.settings === undefined ? undefined : decodeSettings(node.settings),
  };
}

/** Decodes node settings: optional fields stay absent, int64 fields become numbers. */
function decodeSettings(settings: NodeSettings): NodeSettingsDefinition {
  return {
    onError: decodeOnError(settings.onError),
    retryOnFailed: settings.retryOnFailed,
    maxRetries: settings.maxRetries,
    retryDelayMs: settings.retryDelayMs === undefined ? undefined : Number(settings.retryDelayMs),
    retryBackoff: settings.retryBackoff,
    retryMaxDelayMs: settings.retryMaxDelayMs === undefined ? undefined : Number(settings.retryMaxDelayMs),
  };
}

/**
 * Decodes OnError: UNSPECIFIED is absent (the default, stop_workflow). A number the contract does not
 * define is passed on as text, so the compiler reports it as `invalid_node_settings`.
 */
export function decodeOnError(onError: OnError): DomainOnError | string | undefined {
  switch (onError) {
    case OnError.ON_ERROR_UNSPECIFIED:
      return undefined;
    case OnError.ON_ERROR_STOP_WORKFLOW:
      return 'stop_workflow';
    case OnError.ON_ERROR_CONTINUE:
      return 'continue';
    case OnError.ON_ERROR_CONTINUE_ERROR_OUTPUT:
      return 'continue_error_output';
    case OnError.UNRECOGNIZED:
    default:
      return `unknown on_error value ${String(onError)}`;
  }
}

/** Encodes an on_error setting as prana.v1.OnError. */
export function encodeOnError(onError: DomainOnError): OnError {
  switch (onError) {
    case 'stop_workflow':
      return OnError.ON_ERROR_STOP_WORKFLOW;
    case 'continue':
      return OnError.ON_ERROR_CONTINUE;
    case 'continue_error_output':
      return OnError.ON_ERROR_CONTINUE_ERROR_OUTPUT;
  }
}

/** Decodes a connection; `from_node`/`to_node` are a connection's `from`/`to`, empty ports mean "main". */
function decodeConnection(connection: Connection): ConnectionDefinition {
  return {
    from: connection.fromNode,
    fromPort: connection.fromPort === '' ? undefined : connection.fromPort,
    to: connection.toNode,
    toPort: connection.toPort === '' ? undefined : connection.toPort,
  };
}
