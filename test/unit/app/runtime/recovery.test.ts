import { describe, expect, it } from 'vitest';
import type { Execution } from '../../../../src/domain/execution.js';
import type { ExecutionRecord, Lease, PendingEffect } from '../../../../src/app/ports/execution-store.js';
import { recoveryOf } from '../../../../src/app/runtime/recovery.js';
import { createExecution, DEFAULT_ENGINE_LIMITS } from '../../../../src/engine/index.js';
import { compile, Run, workflow } from '../../engine/harness.js';

const NOW = Date.UTC(2025, 0, 31, 12, 0, 0);
const ME = 'replica-a';
const OTHER = 'replica-b';

const chain = compile(
  workflow(
    [
      ['start', 'manual.trigger'],
      ['set', 'data.set_data', { mapping_map: { ok: true } }],
    ],
    ['start -> set'],
  ),
);

function record(execution: Execution, fields: { lease?: Lease | null; effects?: readonly PendingEffect[]; nextWakeAt?: number | null } = {}): ExecutionRecord {
  return { execution, revision: 3, nextWakeAt: fields.nextWakeAt ?? null, lease: fields.lease ?? null, effects: fields.effects ?? [], updatedAt: NOW };
}

function fresh(pending = false): Execution {
  return createExecution(chain, { id: 'e1', input: {}, createdAt: NOW - 10, pending }, DEFAULT_ENGINE_LIMITS);
}

async function suspendedOn(params: object, type = 'wait.wait'): Promise<Execution> {
  const graph = compile(
    workflow(
      [
        ['start', 'manual.trigger'],
        ['wait', type, params],
      ],
      ['start -> wait'],
    ),
  );
  const run = await new Run(graph, {}, { now: NOW - 1000, graphs: new Set(['child-graph']) }).start();
  expect(run.execution.status).toBe('suspended');
  return run.execution;
}

async function completed(): Promise<Execution> {
  const run = await new Run(chain, {}, { now: NOW - 1000 }).start();
  expect(run.execution.status).toBe('completed');
  return run.execution;
}

const live = (owner: string): Lease => ({ owner, epoch: 2, until: NOW + 5000 });
const expired = (owner: string): Lease => ({ owner, epoch: 2, until: NOW - 1 });
const released: Lease = { owner: OTHER, epoch: 2, until: 0 };

describe('recoveryOf', () => {
  it('leaves an execution alone while another replica holds a live lease, whatever its state', async () => {
    expect(recoveryOf(record(fresh(), { lease: live(OTHER) }), NOW, ME)).toEqual({ kind: 'nothing' });
    const due = await suspendedOn({ mode: 'interval', duration: 1, unit: 'ms' });
    expect(recoveryOf(record(due, { lease: live(OTHER), effects: [{ kind: 'check_suspension' }] }), NOW, ME)).toEqual({ kind: 'nothing' });
  });

  it('counts a live lease of its own replica as left behind (the session that held it is gone)', () => {
    expect(recoveryOf(record(fresh(), { lease: live(ME) }), NOW, ME)).toEqual({ kind: 'take_over' });
  });

  it('takes over a running execution once its lease expired, including one inserted and never started (seq 0)', () => {
    const neverStarted = fresh();
    expect(neverStarted.seq).toBe(0);
    expect(recoveryOf(record(neverStarted, { lease: expired(OTHER) }), NOW, ME)).toEqual({ kind: 'take_over' });
  });

  it('takes over any record that still owes effects, even a finished one', async () => {
    const done = await completed();
    const effects: PendingEffect[] = [{ kind: 'notify_parent', parentExecutionId: 'p', parentNodeKey: 'call', parentRunIndex: 0 }];
    expect(recoveryOf(record(done, { lease: expired(OTHER), effects }), NOW, ME)).toEqual({ kind: 'take_over' });
    expect(recoveryOf(record(done, { lease: released, effects }), NOW, ME)).toEqual({ kind: 'take_over' });
  });

  it('starts a pending child whose time came, waits for one whose time is ahead', () => {
    expect(recoveryOf(record(fresh(true), { nextWakeAt: NOW }), NOW, ME)).toEqual({ kind: 'start' });
    expect(recoveryOf(record(fresh(true)), NOW, ME)).toEqual({ kind: 'start' });
    expect(recoveryOf(record(fresh(true), { nextWakeAt: NOW + 60_000 }), NOW, ME)).toEqual({ kind: 'later', at: NOW + 60_000 });
    expect(recoveryOf(record(fresh(true), { nextWakeAt: NOW + 60_000, lease: expired(OTHER) }), NOW, ME)).toEqual({ kind: 'take_over' });
  });

  it('wakes a suspension whose time came and looks again later at one still ahead', async () => {
    const waiting = await suspendedOn({ mode: 'interval', duration: 10, unit: 'seconds' });
    const at = NOW - 1000 + 10_000;
    expect(recoveryOf(record(waiting), NOW, ME)).toEqual({ kind: 'later', at });
    expect(recoveryOf(record(waiting), at, ME)).toEqual({ kind: 'wake' });
    expect(recoveryOf(record(waiting, { lease: expired(OTHER) }), at + 1, ME)).toEqual({ kind: 'wake' });
  });

  it('takes over a suspension left behind under a lease before its time (a recorded resume may wait there)', async () => {
    const waiting = await suspendedOn({ mode: 'interval', duration: 10, unit: 'seconds' });
    expect(recoveryOf(record(waiting, { lease: expired(OTHER) }), NOW, ME)).toEqual({ kind: 'take_over' });
  });

  it('has nothing to do for a suspension without a wake-up time, or a finished execution released cleanly', async () => {
    const noWake = await suspendedOn({ workflow_id: 'child-graph', execution_mode: 'fire_and_forget' }, 'workflow.execute_workflow');
    expect(recoveryOf(record(noWake), NOW, ME)).toEqual({ kind: 'nothing' });
    expect(recoveryOf(record(noWake, { lease: released }), NOW, ME)).toEqual({ kind: 'nothing' });
    expect(recoveryOf(record(noWake, { lease: expired(OTHER) }), NOW, ME)).toEqual({ kind: 'take_over' });
    const done = await completed();
    expect(recoveryOf(record(done, { lease: released }), NOW, ME)).toEqual({ kind: 'nothing' });
    expect(recoveryOf(record(done, { lease: expired(OTHER) }), NOW, ME)).toEqual({ kind: 'take_over' });
  });
});
