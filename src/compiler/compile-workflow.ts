import type { Diagnostic } from '../domain/diagnostic.js';
import type { JsonObject } from '../domain/json.js';
import type { NodeSettings, WorkflowDefinition } from '../domain/workflow.js';
import type { ParamsPlan } from '../expressions/index.js';
import type { NodeType } from '../nodes/kit/node-type.js';
import { buildGraph, type NodeCompilation } from './build-graph.js';
import { checkConnections, type ConnectionEndpoint } from './checks/connection-checks.js';
import { checkGraph, type GraphNodeFacts } from './checks/graph-checks.js';
import { checkNodeKeys } from './checks/node-key-checks.js';
import { checkNodeSettings } from './checks/node-settings-checks.js';
import { checkNodeType } from './checks/node-type-check.js';
import { checkParams } from './checks/param-checks.js';
import { checkSubWorkflows } from './checks/sub-workflow-check.js';
import { checkWorkflowSettings, checkWorkflowShape, checkWorkflowSize } from './checks/workflow-checks.js';
import { namedTrigger, wireForm, withDefaults } from './definition-defaults.js';
import { orderDiagnostics } from './diagnostic-order.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import type { Finding } from './finding.js';
import { COMPILER_VERSION, graphIdOf } from './graph-id.js';
import type { LoopAnalysis } from './loops.js';
import { effectiveLimits, type CompileOptions } from './options.js';
import { outputPortsOf } from './output-ports.js';
import { pruneUnreachable, type PrunedGraph } from './pruning.js';
import { selectTrigger } from './trigger.js';

/** The graph and its warnings, or every diagnostic when at least one is an error. */
export type CompileResult =
  { readonly ok: true; readonly graph: CompiledGraph; readonly diagnostics: Diagnostic[] } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** What the per-node checks learned about one node. */
interface NodeState {
  readonly type: NodeType | undefined;
  readonly settings: NodeSettings;
  readonly params: JsonObject | null;
  readonly plan: ParamsPlan | null;
  readonly constantParams: JsonObject | null;
  readonly outputPorts: readonly string[] | null;
}

/**
 * Compiles a workflow: runs every check over every node, including
 * unreachable ones, and returns all diagnostics in diagnostic order. Without errors, it also
 * returns the frozen graph. Pure and deterministic: the same definition gives the same result.
 */
export function compileWorkflow(definition: WorkflowDefinition, options: CompileOptions): CompileResult {
  const limits = effectiveLimits(options.limits);
  const nodes = Array.isArray(definition.nodes) ? definition.nodes : [];
  const connections = Array.isArray(definition.connections) ? definition.connections : [];
  const findings: Finding[] = [
    ...checkWorkflowShape(definition),
    ...checkWorkflowSize(nodes.length, connections.length, limits),
    ...checkWorkflowSettings(definition, limits),
  ];

  const keys = checkNodeKeys(nodes);
  findings.push(...keys.findings);
  const states: NodeState[] = nodes.map((node, position) => {
    const typeCheck = checkNodeType(node.type, options.registry, position, node.key);
    const settingsCheck = checkNodeSettings(node.settings, position, node.key, typeCheck.type);
    const paramCheck = checkParams(node.params, position, node.key, typeCheck.type, limits.templates);
    findings.push(...typeCheck.findings, ...settingsCheck.findings, ...paramCheck.findings);
    const type = typeCheck.type;
    return {
      type,
      settings: settingsCheck.settings,
      params: paramCheck.params,
      plan: paramCheck.plan,
      constantParams: paramCheck.constantParams,
      outputPorts: type === undefined ? null : outputPortsOf(type, paramCheck.params, paramCheck.plan),
    };
  });

  const endpoints = new Map<string, ConnectionEndpoint>();
  nodes.forEach((node, position) => {
    if (!keys.primary[position]) return;
    const state = states[position] as NodeState;
    endpoints.set(node.key, { position, type: state.type, outputPorts: state.outputPorts, onError: state.settings.onError });
  });
  const connectionCheck = checkConnections(connections, endpoints);
  findings.push(...connectionCheck.findings);

  const selection = selectTrigger(
    nodes.flatMap((node, position) =>
      keys.primary[position] ? [{ position, key: node.key, typeName: node.type, isTrigger: states[position]?.type?.trigger === true }] : [],
    ),
    namedTrigger(definition),
  );
  let analysis: { pruned: PrunedGraph; loops: LoopAnalysis } | null = null;
  if (selection.ok) {
    const pruned = pruneUnreachable(nodes.length, connectionCheck.edges, selection.position, keys.primary);
    const facts: GraphNodeFacts[] = nodes.map((node, position) => ({
      key: node.key,
      typeName: node.type,
      inputPorts: states[position]?.type?.inputPorts ?? [],
    }));
    const graphCheck = checkGraph(pruned, facts);
    findings.push(...graphCheck.findings);
    analysis = { pruned, loops: graphCheck.loops };
  } else {
    findings.push(selection.finding);
  }
  findings.push(...checkSubWorkflows(nodes, options.knownGraphIds));

  const diagnostics = orderDiagnostics(findings).map((d) => Object.freeze(d));
  if (analysis === null || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };

  const withDefaultsFilled = withDefaults(
    definition,
    states.map((s) => ({ settings: s.settings, params: s.params as JsonObject })),
  );
  const compiled: NodeCompilation[] = states.map((s) => ({
    // No errors means every type is known and every params object compiled.
    type: s.type as NodeType,
    plan: s.plan as ParamsPlan,
    outputPorts: s.outputPorts,
    settings: s.settings,
    constantParams: s.constantParams,
  }));
  const graph = buildGraph({
    id: graphIdOf(wireForm(withDefaultsFilled)),
    compilerVersion: COMPILER_VERSION,
    definition: withDefaultsFilled,
    nodes: compiled,
    pruned: analysis.pruned,
    loops: analysis.loops,
  });
  return { ok: true, graph, diagnostics };
}
