import { RequestCheck } from '../request-check.js';
import type { WorkflowDefinition } from '../../domain/workflow.js';
import type { Diagnostic } from '../../domain/diagnostic.js';
import { notFound, refused } from '../app-error.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import type { AppContext } from './context.js';

/** CompileWorkflow: all diagnostics, and the graph id when nothing is an error. */
export async function compileWorkflow(
  ctx: AppContext,
  namespace: string,
  definition: WorkflowDefinition,
): Promise<{ graphId: string; diagnostics: readonly Diagnostic[] }> {
  let paramBytes = 0;
  for (const node of definition.nodes) paramBytes += Buffer.byteLength(JSON.stringify(node.params ?? {}));
  if (paramBytes > ctx.limits.maxWorkflowParamsBytes) {
    throw refused('limit_exceeded', `node params are ${paramBytes} bytes in all; the limit is ${ctx.limits.maxWorkflowParamsBytes}`, {
      limit: String(ctx.limits.maxWorkflowParamsBytes),
    });
  }
  const outcome = await ctx.graphs.compile(definition, namespace);
  return { graphId: outcome.graph?.id ?? '', diagnostics: outcome.diagnostics };
}

/** GetWorkflowGraph. */
export async function getWorkflowGraph(ctx: AppContext, namespace: string, graphId: string): Promise<CompiledGraph> {
  new RequestCheck().id('graph_id', graphId).done();
  const graph = await ctx.graphs.loadIn(graphId, namespace);
  if (graph === null) throw notFound('prana.v1.ExecutionGraph', graphId);
  return graph;
}
