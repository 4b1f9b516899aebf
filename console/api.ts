import type { IncomingMessage, ServerResponse } from 'node:http';
import { status } from '@grpc/grpc-js';
import type { PranaClient } from '../sdk/typescript/src/client.js';
import { errorOf } from '../sdk/typescript/src/errors.js';
import { statusNamed } from '../cli/names.js';
import {
  CancelExecutionResponse,
  ExecutionView,
  GetExecutionRequest,
  GetExecutionResponse,
  ListExecutionsRequest,
  ListExecutionsResponse,
  ResumeRequest,
  ResumeResponse,
} from '../sdk/typescript/src/gen/prana/v1/execution_service.js';
import { ExecutionEvent } from '../sdk/typescript/src/gen/prana/v1/events.js';
import { Workflow } from '../sdk/typescript/src/gen/prana/v1/workflow.js';
import { CompileWorkflowResponse, GetWorkflowGraphRequest, GetWorkflowGraphResponse } from '../sdk/typescript/src/gen/prana/v1/workflow_service.js';
import { watchExecution } from '../sdk/typescript/src/watch.js';

/** Request bodies larger than this are refused (resume data and workflows are far smaller). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The HTTP status of a refused call by its gRPC code; any other refusal is a conflict (409). */
const HTTP_STATUS: Partial<Record<number, number>> = { [status.NOT_FOUND]: 404, [status.INVALID_ARGUMENT]: 400, [status.UNAVAILABLE]: 503 };

/** A client error of the console's own API (bad JSON, a missing field). */
class BadRequest extends Error {}

/**
 * The console's JSON API: each route is one call of the service's public API through the SDK (the
 * console holds the token; the page never sees it). Answers are the protobuf JSON of the responses;
 * a refused call answers with its gRPC reason and details.
 */
export async function serveApi(client: PranaClient, request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  try {
    if (request.method === 'GET' && parts.length === 1 && parts[0] === 'executions')
      return json(response, ListExecutionsResponse.toJSON(await list(client, query)));
    if (parts[0] === 'executions' && parts.length >= 2) {
      const id = parts[1] as string;
      if (request.method === 'GET' && parts.length === 2) {
        const got = await client.call(
          client.executions,
          client.executions.getExecution,
          GetExecutionRequest.fromPartial({ executionId: id, view: ExecutionView.EXECUTION_VIEW_FULL }),
        );
        return json(response, GetExecutionResponse.toJSON(got));
      }
      if (request.method === 'GET' && parts[2] === 'events') return streamEvents(client, request, response, id);
      if (request.method === 'POST' && parts[2] === 'resume') return json(response, ResumeResponse.toJSON(await resume(client, id, await body(request))));
      if (request.method === 'POST' && parts[2] === 'cancel') {
        const reason = String((await body(request)).reason ?? '');
        return json(response, CancelExecutionResponse.toJSON(await client.cancel(id, reason)));
      }
    }
    if (request.method === 'GET' && parts[0] === 'graphs' && parts.length === 2) {
      const graph = await client.call(
        client.workflows,
        client.workflows.getWorkflowGraph,
        GetWorkflowGraphRequest.fromPartial({ graphId: parts[1] as string }),
      );
      return json(response, GetWorkflowGraphResponse.toJSON(graph));
    }
    if (request.method === 'POST' && parts[0] === 'compile') {
      const compiled = await client.compile(Workflow.fromJSON((await body(request)).workflow ?? {}));
      return json(response, CompileWorkflowResponse.toJSON(compiled));
    }
    json(response, { error: { reason: 'not_found', message: `no route ${request.method ?? ''} /api${path}` } }, 404);
  } catch (error) {
    if (error instanceof BadRequest) return json(response, { error: { reason: 'invalid_request', message: error.message } }, 400);
    const failure = errorOf(error);
    const refusal = { code: status[failure.code], reason: failure.reason, message: failure.message, fields: failure.fields, metadata: failure.metadata };
    json(response, { error: refusal }, HTTP_STATUS[failure.code] ?? 409);
  }
}

function list(client: PranaClient, query: URLSearchParams): Promise<ListExecutionsResponse> {
  const labels: Record<string, string> = {};
  for (const pair of query.getAll('label')) {
    const eq = pair.indexOf('=');
    if (eq > 0) labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const time = (name: string): Date | undefined => {
    const text = query.get(name);
    if (text === null || text === '') return undefined;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new BadRequest(`${name} is not a time`);
    return at;
  };
  const statuses = query
    .getAll('status')
    .filter((name) => name !== '')
    .map((name) => {
      const value = statusNamed(name);
      if (value === null) throw new BadRequest(`unknown status ${name}`);
      return value;
    });
  const request = ListExecutionsRequest.fromPartial({
    statuses,
    graphId: query.get('graph') ?? '',
    labels,
    createdAfter: time('since'),
    createdBefore: time('before'),
    pageSize: Number(query.get('limit') ?? '25'),
    pageToken: query.get('pageToken') ?? '',
  });
  return client.call(client.executions, client.executions.listExecutions, request);
}

async function resume(client: PranaClient, executionId: string, input: Record<string, unknown>): Promise<ResumeResponse> {
  const nodeKey = typeof input.nodeKey === 'string' ? input.nodeKey : '';
  if (nodeKey === '') throw new BadRequest('nodeKey is required');
  const request = ResumeRequest.fromPartial({ target: { $case: 'node', value: { executionId, nodeKey } }, data: input.data ?? null });
  return client.call(client.executions, client.executions.resume, request);
}

/** The execution's events as server-sent events (one `data:` line of protobuf JSON each), from seq 1 until the end. */
async function streamEvents(client: PranaClient, request: IncomingMessage, response: ServerResponse, executionId: string): Promise<void> {
  const abort = new AbortController();
  request.on('close', () => abort.abort());
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  try {
    for await (const event of watchExecution(client, executionId, 0, abort.signal)) {
      response.write(`data: ${JSON.stringify(ExecutionEvent.toJSON(event))}\n\n`);
    }
    response.write('event: end\ndata: {}\n\n');
  } catch (error) {
    const failure = errorOf(error);
    response.write(`event: failure\ndata: ${JSON.stringify({ reason: failure.reason, message: failure.message })}\n\n`);
  }
  response.end();
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('the body must be a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof BadRequest) throw error;
    throw new BadRequest(`the body is not JSON: ${(error as Error).message}`);
  }
}

function json(response: ServerResponse, value: unknown, code = 200): void {
  response.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}
