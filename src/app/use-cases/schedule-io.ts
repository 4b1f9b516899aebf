import { AppError } from '../app-error.js';
import type { Json, JsonObject } from '../../domain/json.js';
import { isTerminal } from '../../domain/execution.js';
import { idPrefix } from '../../domain/namespace.js';
import type { PendingTick } from '../../domain/schedule.js';
import { EXECUTION_ID_SCOPE, TICK_DECISION_PREFIX, type IdempotencyRecord } from '../ports/idempotency-store.js';
import { TickRefused, type TickFate, type TickIo } from '../runtime/schedule-ticks.js';
import type { AppContext } from './context.js';
import { createOrFind, startIfNeverStarted } from './start-execution.js';

/** The label every execution a schedule starts carries: the schedule's id (ListExecutions filters on it). */
export const SCHEDULE_LABEL = 'prana.schedule';

/** How long a tick waits for its execution's first drive before the schedule goes on with the next. */
const START_WAIT_MS = 5000;

/** What the schedule worker does to executions, through the same use cases as a caller's calls. */
export function scheduleIo(ctx: AppContext, namespace: string): TickIo {
  const io: TickIo = {
    isOpen: async (id) => {
      const record = await ctx.executions.get(id);
      return record !== null && !isTerminal(record.execution.status);
    },
    exists: async (id) => (await ctx.executions.get(id)) !== null,
    start: async (schedule, tick) => {
      const request = {
        graphId: schedule.action.graphId,
        input: tickInput(schedule.action.input, tick),
        labels: { ...schedule.action.labels, [SCHEDULE_LABEL]: schedule.scheduleId },
        executionId: tick.executionId.slice(idPrefix(namespace).length),
        wait: 'none' as const,
      };
      let created: { id: string; created: boolean };
      try {
        created = await createOrFind(ctx, namespace, request);
      } catch (error) {
        if (!(error instanceof AppError && error.family === 'caller')) throw error;
        // The tick was decided before: against starting it, or started with an input since updated.
        if (error.reason === 'execution_id_conflict') return decisionOf(await ctx.idempotency.get(EXECUTION_ID_SCOPE, tick.executionId));
        throw new TickRefused(`${error.reason}: ${error.message}`);
      }
      if (!created.created) {
        startIfNeverStarted(ctx, created.id);
        return 'started';
      }
      // The next tick is taken once this one's first drive is done (so a quick execution has ended
      // and does not overlap it), or after START_WAIT_MS while it goes on. A crash before its first step
      // leaves it to the orphan scan: the creation holds this replica's lease.
      const drive = ctx.runtime.start(created.id).then(
        () => undefined,
        () => undefined,
      );
      let timer: { cancel(): void } | undefined;
      await Promise.race([drive, new Promise<void>((resolve) => (timer = ctx.timers.setTimeout(resolve, START_WAIT_MS)))]);
      timer?.cancel();
      return 'started';
    },
    decide: async (schedule, tick, fate) => {
      const claimed = await ctx.idempotency.putIfAbsent({
        scope: EXECUTION_ID_SCOPE,
        key: tick.executionId,
        fingerprint: `${TICK_DECISION_PREFIX}${fate}`,
        result: {},
        createdAt: ctx.clock.now(),
      });
      const decided = decisionOf(claimed.record);
      if (decided !== 'started') return decided;
      // A replica started it (and may have stopped before creating the execution): make sure it exists.
      return io.start(schedule, tick);
    },
    // An execution that ended meanwhile is left as it is (the outcome then carries a refusal).
    cancel: async (id, reason) => {
      await ctx.runtime.cancel(id, reason);
    },
  };
  return io;
}

/** The fate a tick's reservation records: a decision against it, or else a start. */
function decisionOf(record: IdempotencyRecord | null): TickFate {
  const fingerprint = record?.fingerprint ?? '';
  if (fingerprint === `${TICK_DECISION_PREFIX}skipped`) return 'skipped';
  if (fingerprint === `${TICK_DECISION_PREFIX}missed`) return 'missed';
  return 'started';
}

/**
 * The input of a tick's execution: the schedule's input with `scheduled_at` (the tick's nominal time)
 * and `fired_at` (its time with jitter) added as ISO-8601 text when it is an object (or null) that does
 * not have them; any other input as it is. Both are fixed by the tick, so a retried start is the same.
 */
export function tickInput(input: Json, tick: Pick<PendingTick, 'nominal' | 'fireAt'>): Json {
  if (input !== null && (typeof input !== 'object' || Array.isArray(input))) return input;
  const object: JsonObject = (input as JsonObject | null) ?? {};
  return {
    ...object,
    ...('scheduled_at' in object ? {} : { scheduled_at: new Date(tick.nominal).toISOString() }),
    ...('fired_at' in object ? {} : { fired_at: new Date(tick.fireAt).toISOString() }),
  };
}
