import { analyzeBranches } from '../branch-analysis.js';
import { dominatorTree } from '../dominators.js';
import { finding, type Finding } from '../finding.js';
import { analyzeLoops, type LoopAnalysis } from '../loops.js';
import type { PrunedGraph } from '../pruning.js';

/** The node type whose emissions need a loop back to it. */
const FOR_EACH_TYPE = 'core.for_each';

/** What the graph checks need per definition position. */
export interface GraphNodeFacts {
  readonly key: string;
  readonly typeName: string;
  /** Declared input ports, or [] for an unknown type. */
  readonly inputPorts: readonly string[];
}

/**
 * Checks 20 to 23 over the pruned graph (they run only when a trigger was selected):
 * `unreachable_node`, `for_each_without_loop`, `parallel_join_on_single_port` and
 * `exclusive_branches_into_multi_port`. Also returns the loop analysis the graph is built with.
 */
export function checkGraph(pruned: PrunedGraph, facts: readonly GraphNodeFacts[]): { findings: Finding[]; loops: LoopAnalysis } {
  const findings: Finding[] = [];
  const factsAt = (index: number): GraphNodeFacts => facts[pruned.positions[index] as number] as GraphNodeFacts;
  for (const position of pruned.unreachable) {
    const key = (facts[position] as GraphNodeFacts).key;
    findings.push(
      finding(position, {
        code: 'unreachable_node',
        severity: 'warning',
        nodeKey: key,
        message: `node ${JSON.stringify(key)} is not reachable from the trigger and is pruned`,
      }),
    );
  }

  const keys = pruned.positions.map((p) => (facts[p] as GraphNodeFacts).key);
  const loops = analyzeLoops(keys, pruned.graph);
  for (let i = 0; i < pruned.graph.size; i++) {
    const node = factsAt(i);
    if (node.typeName !== FOR_EACH_TYPE || loops.info[i]?.level !== 0) continue;
    findings.push(
      finding(pruned.positions[i] as number, {
        code: 'for_each_without_loop',
        severity: 'warning',
        nodeKey: node.key,
        message: `${FOR_EACH_TYPE} node ${JSON.stringify(node.key)} is not part of any loop: nothing returns to it, so it can emit only its first item`,
      }),
    );
  }

  const warnings = analyzeBranches({
    graph: pruned.graph,
    dominators: dominatorTree(pruned.graph.successors, pruned.trigger),
    componentOf: loops.componentOf,
    inputPortsOf: (i) => factsAt(i).inputPorts,
  });
  for (const warning of warnings) {
    const m = keys[warning.node] as string;
    const position = pruned.positions[warning.node] as number;
    switch (warning.kind) {
      case 'parallel_join': {
        const s1 = keys[warning.first.from] as string;
        const s2 = keys[warning.second.from] as string;
        findings.push(
          finding(position, {
            code: 'parallel_join_on_single_port',
            severity: 'warning',
            nodeKey: m,
            port: warning.port,
            message: `"${m}.${warning.port}" is fed by parallel branches (${s1}, ${s2}); ${m} runs once per arriving branch`,
          }),
        );
        break;
      }
      case 'exclusive_branches':
        findings.push(
          finding(position, {
            code: 'exclusive_branches_into_multi_port',
            severity: 'warning',
            nodeKey: m,
            port: warning.port,
            message: `input ports "${warning.port}" and "${warning.otherPort}" of ${m} are fed by mutually exclusive branches`,
          }),
        );
        break;
      default: {
        const exhaustive: never = warning;
        throw new Error(`unhandled branch warning ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  return { findings, loops };
}
