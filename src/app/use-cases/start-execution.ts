import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { Json, JsonObject } from '../../domain/json.js';
import { notFound, refused, conflict } from '../app-error.js';
import { DEFAULT_NAMESPACE, qualifiedId } from '../../domain/namespace.js';
import { executionIdForRequest, newExecutionId } from '../ids.js';
import { StoreConflict } from '../ports/execution-store.js';
import { EXECUTION_ID_SCOPE } from '../ports/idempotency-store.js';
import { RequestCheck } from '../request-check.js';
import type { RequestLimits } from '../request-limits.js';
import { viewOf, type ExecutionView } from '../execution-view.js';
import type { AppContext } from './context.js';
import { waitAsAsked, type WaitUntil } from './wait-until.js';

/** A StartExecution (or RunExecution) request, decoded. */
export interface StartRequest {
  readonly graphId: string;
  readonly input: Json;
  readonly variables?: JsonObject | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly executionId?: string | undefined;
  readonly requestId?: string | undefined;
  readonly wait: WaitUntil;
}

/** The answer of StartExecution. */
export interface StartResult {
  readonly view: ExecutionView;
  readonly created: boolean;
}

/**
 * Creates (or finds, for a retried request) the execution; returns its id and whether this call created
 * it. `awaitsDrive`: the caller answers only after the drive (see ExecutionRuntime.create).
 */
export async function createOrFind(ctx: AppContext, namespace: string, request: StartRequest, awaitsDrive = false): Promise<{ id: string; created: boolean }> {
  const labels = request.labels ?? {};
  checkStart(request, labels, ctx.limits);
  const graph = await ctx.graphs.loadIn(request.graphId, namespace);
  if (graph === null) throw notFound('prana.v1.ExecutionGraph', request.graphId);

  const idempotent = request.executionId !== undefined || request.requestId !== undefined;
  let id =
    request.executionId !== undefined
      ? qualifiedId(namespace, request.executionId)
      : request.requestId !== undefined
        ? executionIdForRequest(namespace, request.requestId)
        : newExecutionId(namespace);
  if (idempotent) {
    const fingerprint = fingerprintOf(request, labels);
    const now = ctx.clock.now();
    if (request.requestId !== undefined) {
      const claimed = await ctx.idempotency.putIfAbsent({
        scope: startScope(namespace),
        key: request.requestId,
        fingerprint,
        result: { execution_id: id },
        createdAt: now,
      });
      if (!claimed.created) {
        if (claimed.record.fingerprint !== fingerprint) {
          throw refused('request_id_conflict', `request_id ${request.requestId} was used by a different request`, {
            request_id: request.requestId,
          });
        }
        id = String(claimed.record.result.execution_id);
      }
    }
    const owned = await ctx.idempotency.putIfAbsent({ scope: EXECUTION_ID_SCOPE, key: id, fingerprint, result: {}, createdAt: now });
    if (!owned.created && owned.record.fingerprint !== fingerprint) {
      throw refused('execution_id_conflict', `execution ${id} was started by a different request`, { execution_id: id });
    }
  }
  try {
    await ctx.runtime.create(
      graph,
      { id, input: request.input, variables: request.variables, labels, createdAt: ctx.clock.now() },
      // A generated id and a caller who waits for the drive: the drive's first write stores it.
      { storeWithFirstWrite: awaitsDrive && !idempotent },
    );
    return { id, created: true };
  } catch (error) {
    if (error instanceof StoreConflict && error.kind === 'exists') {
      if (!idempotent) throw conflict(`execution id ${id} collided; retry`);
      return { id, created: false };
    }
    throw error;
  }
}

/** StartExecution: creates and starts an execution, then waits as asked. */
export async function startExecution(ctx: AppContext, namespace: string, request: StartRequest, signal?: AbortSignal): Promise<StartResult> {
  const { id, created } = await createOrFind(ctx, namespace, request, request.wait !== 'none');
  if (!created) startIfNeverStarted(ctx, id);
  if (created) {
    const started = ctx.runtime.start(id);
    if (request.wait === 'none') started.catch(() => undefined);
    else {
      const outcome = await started;
      if (request.wait === 'settled' && (await ctx.runtime.isSettled(outcome.execution))) {
        return { view: viewOf(outcome.execution, ctx.graphs.cached(outcome.execution.graphId) ?? null), created };
      }
    }
  }
  const execution = await waitAsAsked(ctx, id, request.wait, signal);
  return { view: viewOf(execution, await ctx.graphs.load(execution.graphId)), created };
}

/**
 * A retried request may find an execution whose creator stopped before starting it (a crash between
 * the insert and the first step): a look at it starts it when no live replica holds it; otherwise
 * it changes nothing.
 */
export function startIfNeverStarted(ctx: AppContext, id: string): void {
  ctx.runtime.look(id).catch(() => undefined);
}

/**
 * The idempotency scope of StartExecution request ids: `start` in the default namespace,
 * `start/<namespace>` in another, so equal request ids of two namespaces are two requests.
 */
export function startScope(namespace: string): string {
  return namespace === DEFAULT_NAMESPACE ? 'start' : `start/${namespace}`;
}

function fingerprintOf(request: StartRequest, labels: Readonly<Record<string, string>>): string {
  const canonical = canonicalJson({ graph_id: request.graphId, input: request.input, variables: request.variables ?? {}, labels: labels as JsonObject });
  return createHash('sha256').update(canonical).digest('hex');
}

const EXECUTION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const LABEL_KEY = /^[A-Za-z0-9_.-]{1,63}$/;

/** Every rule of a start request, reported at once: ids, labels, and the sizes of input and variables. */
export function checkStart(request: StartRequest, labels: Readonly<Record<string, string>>, limits: RequestLimits): void {
  const check = new RequestCheck().id('graph_id', request.graphId);
  if (request.executionId !== undefined) check.matches('execution_id', request.executionId, EXECUTION_ID, 'must be 1 to 128 characters from [A-Za-z0-9_.:-]');
  if (request.requestId !== undefined) check.maxLength('request_id', request.requestId, limits.maxRequestIdLength);
  const keys = Object.keys(labels);
  if (keys.length > limits.maxLabels) check.add('labels', `at most ${limits.maxLabels} labels`);
  for (const key of keys) {
    const field = `labels[${JSON.stringify(key)}]`;
    if (!LABEL_KEY.test(key)) check.add(field, 'keys are 1 to 63 characters from [A-Za-z0-9_.-]');
    else if ((labels[key] as string).length > 255) check.add(field, 'values are at most 255 characters');
  }
  check.maxBytes('input', request.input, limits.maxInputBytes).maxBytes('variables', request.variables, limits.maxInputBytes).done();
}
