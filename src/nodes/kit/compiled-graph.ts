import type { ExecutionGraph, GraphNode } from '../../domain/execution-graph.js';
import type { ParamsPlan } from '../../expressions/index.js';
import type { NodeType } from './node-type.js';

/** A compiled graph whose nodes carry their node type and parsed params: what the compiler builds and the engine runs. */
export type CompiledGraph = ExecutionGraph<NodeType, ParamsPlan>;

/** One node of a CompiledGraph. */
export type CompiledNode = GraphNode<NodeType, ParamsPlan>;
