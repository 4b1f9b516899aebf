import type { Json, JsonObject } from '../domain/json.js';
import { isJsonObject } from '../domain/json.js';
import type { NodeSettings, WorkflowDefinition } from '../domain/workflow.js';
import { portOrMain } from './checks/connection-checks.js';
import { frozenJsonObject } from './frozen.js';

/** The workflow's `trigger`, or undefined when absent, null or empty (an empty key can name no node). */
export function namedTrigger(definition: WorkflowDefinition): string | undefined {
  const trigger = definition.trigger;
  return trigger === undefined || trigger === null || trigger === '' ? undefined : trigger;
}

/**
 * The definition with every default filled in, deep-frozen: version 1,
 * variables `{}`, node names `""`, params `{}`, full node settings, connection ports `"main"`.
 * Call it only on a definition that passed every check; `nodes` gives each node's checked settings
 * and its params, already deep-frozen.
 */
export function withDefaults(
  definition: WorkflowDefinition,
  nodes: readonly { readonly settings: NodeSettings; readonly params: JsonObject }[],
): WorkflowDefinition {
  const maxLoopIterations = definition.settings?.maxLoopIterations;
  const trigger = namedTrigger(definition);
  return Object.freeze({
    id: definition.id,
    name: definition.name ?? '',
    version: definition.version ?? 1,
    variables: isJsonObject(definition.variables) ? frozenJsonObject(definition.variables) : Object.freeze({}),
    settings: Object.freeze(maxLoopIterations === undefined || maxLoopIterations === null ? {} : { maxLoopIterations }),
    nodes: Object.freeze(
      definition.nodes.map((node, position) =>
        Object.freeze({
          key: node.key,
          name: node.name ?? '',
          type: node.type,
          params: (nodes[position] as { params: JsonObject }).params,
          settings: (nodes[position] as { settings: NodeSettings }).settings,
        }),
      ),
    ),
    connections: Object.freeze(
      definition.connections.map((c) => Object.freeze({ from: c.from, fromPort: portOrMain(c.fromPort), to: c.to, toPort: portOrMain(c.toPort) })),
    ),
    ...(trigger === undefined ? {} : { trigger }),
  });
}

/**
 * The wire form (snake_case field names of the execution semantics) of a definition with defaults, as
 * JSON: the text the graph id hashes. Its objects are built with their keys in sorted order, so their
 * canonical text is their plain JSON text (see canonicalJson); only params may need sorting.
 */
export function wireForm(definition: WorkflowDefinition): JsonObject {
  const settings: Record<string, Json> = {};
  if (definition.settings?.maxLoopIterations !== undefined) settings.max_loop_iterations = definition.settings.maxLoopIterations;
  const wire: Record<string, Json> = {
    connections: definition.connections.map((c) => ({ from: c.from, from_port: portOrMain(c.fromPort), to: c.to, to_port: portOrMain(c.toPort) })),
    id: definition.id,
    name: definition.name,
    nodes: definition.nodes.map((node) => {
      const s = node.settings ?? {};
      return {
        key: node.key,
        name: node.name ?? '',
        params: node.params ?? {},
        settings: {
          max_retries: s.maxRetries ?? null,
          on_error: s.onError ?? null,
          retry_backoff: s.retryBackoff ?? null,
          retry_delay_ms: s.retryDelayMs ?? null,
          retry_max_delay_ms: s.retryMaxDelayMs ?? null,
          retry_on_failed: s.retryOnFailed ?? null,
        },
        type: node.type,
      };
    }),
    settings,
  };
  if (definition.trigger !== undefined) wire.trigger = definition.trigger;
  wire.variables = definition.variables ?? {};
  wire.version = definition.version ?? 1;
  return wire as JsonObject;
}
