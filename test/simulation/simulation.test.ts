// The simulation inside `npm test`: the seeds that once found a bug replay as regression tests, and a
// few more run as a smoke test (the CI budget runs many more: npm run sim).
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';

/** Seeds that found a bug, each named for it. */
const REGRESSIONS: readonly (readonly [number, string])[] = [
  [1, 'sync parents stayed suspended on children that had ended'],
  [129, 'a cancel of a suspended execution held by another replica was answered without being recorded'],
  [184, 'events of a step that never committed were counted in the history'],
  [20, 'a store failure during a sub-workflow graph lookup failed the node'],
  [365, 'a node started after the lease expired during a stalled store call'],
  [1216, 'a task finished by a call that stopped before its execution took it stayed unapplied'],
  [256, 'a slow write landed with an expired lease and the next node ran on two replicas'],
  [544, 'a Resume was refused from a stale copy of an execution another replica had taken over'],
  [797, 'a read showed a suspension whose write had not landed'],
  [5, 'a cancel on the owner while another replica had recorded one re-ran the node in flight'],
  [332, 'a cancel request recorded as the owner ended the execution re-ran its last node'],
  [46, 'a schedule tick a stalled replica started landed after another replica had skipped it'],
  [67, 'schedule ticks started before a crash were counted apart from their executions'],
];

describe('deterministic simulation', () => {
  it.each(REGRESSIONS)('seed %i holds every invariant (regression: %s)', async (seed) => {
    const result = await simulate(seed);
    expect(result.violations).toEqual([]);
    expect(result.checks).toBeGreaterThan(0);
  });

  it('holds every invariant over a handful of seeds, with faults injected', async () => {
    let faults = 0;
    for (let seed = 5000; seed < 5020; seed++) {
      const result = await simulate(seed);
      expect(result.violations, `seed ${seed}`).toEqual([]);
      faults += result.faults.crashes + result.faults.failures + result.faults.stalls;
    }
    expect(faults).toBeGreaterThan(0);
  });
});
