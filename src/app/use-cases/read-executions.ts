import type { ExecutionStatus } from '../../domain/execution.js';
import { AppError, invalidRequest } from '../app-error.js';
import { viewOf, type ExecutionView } from '../execution-view.js';
import type { AppContext } from './context.js';

/** GetExecution. */
export async function getExecution(ctx: AppContext, namespace: string, executionId: string): Promise<ExecutionView> {
  if (executionId === '') throw invalidRequest([{ field: 'execution_id', description: 'is required' }]);
  const execution = await ctx.runtime.read(executionId, namespace);
  return viewOf(execution, await ctx.graphs.load(execution.graphId));
}

/** ListExecutions filters and paging, decoded. */
export interface ListRequest {
  readonly statuses: readonly ExecutionStatus[];
  readonly graphId?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAfter?: number | undefined;
  readonly createdBefore?: number | undefined;
  readonly pageSize: number;
  readonly pageToken: string;
}

/** One page of ListExecutions. */
export interface ListResult {
  readonly views: readonly ExecutionView[];
  readonly nextPageToken: string;
}

const DEFAULT_PAGE = 50;

/**
 * ListExecutions: newest first (created_at, then id, descending). The page token carries the last
 * position and a digest of the filters, so it is stable under inserts and refused for other filters.
 */
export async function listExecutions(ctx: AppContext, namespace: string, request: ListRequest): Promise<ListResult> {
  if (request.pageSize < 0) throw invalidRequest([{ field: 'page_size', description: 'must not be negative' }]);
  if (request.createdAfter !== undefined && request.createdBefore !== undefined && request.createdAfter >= request.createdBefore) {
    throw invalidRequest([{ field: 'created_after', description: 'must be before created_before' }]);
  }
  const limit = Math.min(request.pageSize === 0 ? DEFAULT_PAGE : request.pageSize, ctx.limits.maxPageSize);
  const filters = filterDigest(request);
  const after = request.pageToken === '' ? undefined : decodeToken(request.pageToken, filters);
  const rows = await ctx.executions.list({
    namespace,
    statuses: request.statuses,
    ...(request.graphId !== undefined && request.graphId !== '' ? { graphId: request.graphId } : {}),
    labels: request.labels,
    ...(request.createdAfter !== undefined ? { createdAfter: request.createdAfter } : {}),
    ...(request.createdBefore !== undefined ? { createdBefore: request.createdBefore } : {}),
    limit: limit + 1,
    ...(after !== undefined ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const views: ExecutionView[] = [];
  for (const row of page) views.push(viewOf(row.execution, await ctx.graphs.load(row.execution.graphId)));
  const last = page.at(-1);
  const nextPageToken = rows.length > limit && last !== undefined ? encodeToken({ c: last.execution.createdAt, i: last.execution.id, f: filters }) : '';
  return { views, nextPageToken };
}

interface TokenBody {
  readonly c: number;
  readonly i: string;
  readonly f: string;
}

function filterDigest(request: ListRequest): string {
  const labels = Object.entries(request.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([[...request.statuses].sort(), request.graphId ?? '', labels, request.createdAfter ?? null, request.createdBefore ?? null]);
}

function encodeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeToken(token: string, filters: string): { createdAt: number; id: string } {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenBody;
    if (typeof body.c === 'number' && typeof body.i === 'string' && body.f === filters) return { createdAt: body.c, id: body.i };
  } catch {
    // falls through to the refusal
  }
  throw new AppError({
    reason: 'invalid_request',
    message: 'page_token is malformed or was issued for other filters',
    fieldViolations: [{ field: 'page_token', description: 'malformed or issued for other filters' }],
  });
}
