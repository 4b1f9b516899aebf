import type { Json } from '../../domain/json.js';
import { currentSuspension, resumeRefusal, type ResumeTarget } from '../../engine/index.js';
import { resumeRefusalError } from '../refusals.js';
import { AppError, notFound, refused } from '../app-error.js';
import { MAX_EXECUTION_ID_LENGTH, MAX_TOKEN_LENGTH, RequestCheck } from '../request-check.js';
import { qualifiedId } from '../../domain/namespace.js';
import { viewOf, type ExecutionView } from '../execution-view.js';
import type { AppContext } from './context.js';
import { waitAsAsked, type WaitUntil } from './wait-until.js';

/** A Resume request, decoded. */
export interface ResumeRequest {
  readonly target: { readonly kind: 'node'; readonly executionId: string; readonly nodeKey: string } | { readonly kind: 'token'; readonly token: string };
  readonly data: Json;
  readonly requestId?: string | undefined;
  readonly wait: WaitUntil;
}

/** The answer of Resume. */
export interface ResumeResult {
  readonly view: ExecutionView;
  readonly alreadyResumed: boolean;
}

/**
 * Resume: idempotency first (a used request id, or a token whose suspension an
 * earlier Resume ended, is answered, not re-run), then the typed refusals in their order, then the
 * resumption itself. Racing resumes: exactly one resumes; the others are answered.
 */
export async function resumeExecution(ctx: AppContext, namespace: string, request: ResumeRequest, signal?: AbortSignal): Promise<ResumeResult> {
  const target = request.target;
  const check = new RequestCheck().maxBytes('data', request.data, ctx.limits.maxResumeDataBytes);
  if (request.requestId !== undefined) check.maxLength('request_id', request.requestId, ctx.limits.maxRequestIdLength);
  if (target.kind === 'token') check.id('resume_token', target.token, MAX_TOKEN_LENGTH);
  else check.id('node.execution_id', target.executionId, MAX_EXECUTION_ID_LENGTH).id('node.node_key', target.nodeKey);
  check.done();
  let executionId: string;
  let engineTarget: ResumeTarget;
  if (target.kind === 'token') {
    const claims = ctx.tokens.verify(target.token);
    if (claims === null) throw refused('invalid_token', 'the resume token is malformed or was not issued by this service');
    executionId = claims.executionId;
    engineTarget = { kind: 'token', token: target.token, nodeKey: claims.nodeKey, runIndex: claims.runIndex, suspensionKind: claims.kind };
  } else {
    executionId = qualifiedId(namespace, target.executionId);
    engineTarget = { kind: 'node', nodeKey: target.nodeKey };
  }

  // Idempotency first: an earlier Resume with this request id, or of this token, is answered
  // when the suspension it addressed has ended. A record whose suspension is still current comes from
  // a call that stopped before resuming (a crash): then this call resumes it.
  const execution = await ctx.runtime.read(executionId, namespace).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  const currentToken = execution === null ? undefined : currentSuspension(execution)?.resumeToken;
  if (execution !== null && (await earlierAnswer(ctx, executionId, request.requestId, target.kind === 'token' ? target.token : undefined, currentToken))) {
    return { view: viewOf(execution, await ctx.graphs.load(execution.graphId)), alreadyResumed: true };
  }
  if (execution === null) throw notFound('prana.v1.Execution', executionId);
  // The refusal checks on what this replica sees now; the actor checks again on the state it holds.
  const refusal = resumeRefusal(execution, engineTarget, ctx.clock.now());
  if (refusal !== null) throw resumeRefusalError(refusal);
  const outcome = await ctx.runtime.resume(executionId, { target: engineTarget, data: request.data, requestId: request.requestId });
  if (outcome.refusal !== null) {
    // A racing Resume of the same suspension won and was recorded: this one is answered, not re-run.
    if (
      currentToken !== undefined &&
      currentSuspension(outcome.execution)?.resumeToken !== currentToken &&
      (await ctx.idempotency.get('resume-token', currentToken)) !== null
    ) {
      return { view: await currentView(ctx, executionId), alreadyResumed: true };
    }
    throw resumeRefusalError(outcome.refusal);
  }
  const settledView = request.wait === 'none' ? outcome.execution : await waitAsAsked(ctx, executionId, request.wait, signal);
  return { view: viewOf(settledView, await ctx.graphs.load(settledView.graphId)), alreadyResumed: outcome.alreadyResumed };
}

/** True when an earlier Resume (same request id, or same token) ended a suspension that is no longer current. */
async function earlierAnswer(
  ctx: AppContext,
  executionId: string,
  requestId: string | undefined,
  token: string | undefined,
  currentToken: string | undefined,
): Promise<boolean> {
  if (requestId !== undefined) {
    const record = await ctx.idempotency.get('resume', `${executionId}:${requestId}`);
    if (record !== null && record.result.token !== currentToken) return true;
  }
  if (token !== undefined && token !== currentToken && (await ctx.idempotency.get('resume-token', token)) !== null) return true;
  return false;
}

async function currentView(ctx: AppContext, executionId: string): Promise<ExecutionView> {
  const execution = await ctx.runtime.read(executionId);
  return viewOf(execution, await ctx.graphs.load(execution.graphId));
}
