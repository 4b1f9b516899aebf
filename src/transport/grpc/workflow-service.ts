import type {
  CompileWorkflowRequest,
  CompileWorkflowResponse,
  GetWorkflowGraphRequest,
  GetNodeTypeRequest,
  GetWorkflowGraphResponse,
  WorkflowServiceServer,
} from '../../gen/prana/v1/workflow_service.js';
import { invalidRequest } from '../../app/app-error.js';
import { encodeDiagnostic } from './codec/diagnostic.js';
import { encodeGraph } from './codec/graph.js';
import { encodeNodeType } from './codec/node-type.js';
import { decodeWorkflow } from './codec/workflow.js';
import type { HandlerContext } from './handler-context.js';
import { serveUnary } from './serve-unary.js';

const SERVICE = 'prana.v1.WorkflowService';

/** gRPC handlers of prana.v1.WorkflowService: decode, one PranaApp call, encode. */
export function workflowServiceHandlers(context: HandlerContext): WorkflowServiceServer {
  const { app } = context;
  return {
    compileWorkflow: serveUnary(
      context,
      `${SERVICE}/CompileWorkflow`,
      async (request: CompileWorkflowRequest, scope, namespace): Promise<CompileWorkflowResponse> => {
        const workflow = request.workflow;
        if (workflow === undefined) throw invalidRequest([{ field: 'workflow', description: 'is required' }]);
        const { graphId, diagnostics } = await app.in(namespace).compileWorkflow(decodeWorkflow(workflow));
        return { graphId, diagnostics: diagnostics.map(encodeDiagnostic) };
      },
    ),
    getWorkflowGraph: serveUnary(
      context,
      `${SERVICE}/GetWorkflowGraph`,
      async (request: GetWorkflowGraphRequest, scope, namespace): Promise<GetWorkflowGraphResponse> => {
        return { graph: encodeGraph(await app.in(namespace).getWorkflowGraph(request.graphId)) };
      },
    ),
    listNodeTypes: serveUnary(context, `${SERVICE}/ListNodeTypes`, async () => ({ nodeTypes: app.listNodeTypes().map(encodeNodeType) })),
    getNodeType: serveUnary(context, `${SERVICE}/GetNodeType`, async (request: GetNodeTypeRequest) => ({
      nodeType: encodeNodeType(app.getNodeType(request.type)),
    })),
  };
}
