import { isJsonObject, type Json } from '../../src/domain/json.js';
import { complete, fail, type Outcome } from '../../src/domain/outcome.js';
import type { Timers } from '../../src/app/ports/clock.js';
import { defineNode } from '../../src/nodes/kit/define-node.js';
import type { NodeType } from '../../src/nodes/kit/node-type.js';

/** One attempt of a `sim.effect` node, as the outside world saw it. */
export interface LedgerEntry {
  readonly executionId: string;
  readonly nodeKey: string;
  readonly runIndex: number;
  readonly attempt: number;
  /** The idempotency key the engine handed the attempt. */
  readonly runKey: string;
  /** The replica incarnation that ran it. */
  readonly replica: string;
  readonly at: number;
}

/**
 * `sim.effect`: a side-effecting node for the simulation. Each attempt is written to the ledger (the
 * outside world it reaches), takes `delay_ms` of simulated time on its replica's timers (it dies with
 * a crashed replica, like a real call), fails with a retryable error while `attempt < fail_until`,
 * and then outputs `{label, n: $input.main.n + 1}`.
 */
export function simEffectNode(replica: string, timers: Timers, ledger: LedgerEntry[], clock: { now(): number }): NodeType {
  return defineNode({
    type: 'sim.effect',
    trigger: false,
    inputPorts: ['main'],
    outputPorts: ['main'],
    defaultPort: 'main',
    sideEffects: true,
    schema: {
      fields: {
        label: { type: 'string', required: true, minLength: 1 },
        fail_until: { type: 'integer', default: 0, min: 0 },
        delay_ms: { type: 'integer', default: 0, min: 0 },
      },
    },
    execute: (params, ctx): Promise<Outcome> => {
      ledger.push({
        executionId: ctx.executionId,
        nodeKey: ctx.nodeKey,
        runIndex: ctx.runIndex,
        attempt: ctx.attempt,
        runKey: ctx.runKey,
        replica,
        at: clock.now(),
      });
      const main = ctx.input.main;
      const n = isJsonObject(main) && typeof main.n === 'number' ? main.n : 0;
      const outcome: Outcome =
        ctx.attempt < (params.fail_until as number)
          ? fail('sim_flaky', `attempt ${ctx.attempt} fails on purpose`)
          : complete({ label: params.label as Json, n: n + 1 });
      return new Promise((resolve) => timers.setTimeout(() => resolve(outcome), params.delay_ms as number));
    },
  });
}
