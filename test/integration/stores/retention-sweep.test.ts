// The retention sweep over real (memory) stores: what goes, what stays, and a sweep broken part-way.
import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { sweepExpired, type Retention } from '../../../src/app/runtime/retention.js';
import { LOOP, T0, bareExecution, fixtureFacts, recordOf, runFixture } from './fixtures.js';

const HOUR = 3_600_000;

/** A retention of `n` hours for every namespace but those given their own. */
function hours(n: number, byNamespace: Record<string, number> = {}): Retention {
  return { defaultMs: n * HOUR, byNamespace: Object.fromEntries(Object.entries(byNamespace).map(([ns, h]) => [ns, h * HOUR])) };
}

describe('sweepExpired', () => {
  it('deletes ended executions past retention with their events, and keeps the rest', async () => {
    const stores = createMemoryStores(fixtureFacts);
    const done = await runFixture(LOOP, { id: 'done' });
    await stores.executions.insert(recordOf(done.execution, { updatedAt: T0 }));
    await stores.events.append(done.events, 1);
    await stores.executions.insert(recordOf(bareExecution('young', { status: 'completed' }), { updatedAt: T0 + 2 * HOUR }));
    await stores.executions.insert(recordOf(bareExecution('waiting', { status: 'suspended' }), { updatedAt: T0 }));
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(1))).toBe(1);
    expect(await stores.executions.get('done')).toBeNull();
    expect(await stores.events.read('done', 0, 100)).toEqual([]);
    expect(await stores.executions.get('young')).not.toBeNull();
    expect(await stores.executions.get('waiting')).not.toBeNull();
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(0))).toBe(0);
  });

  it('keeps an ended child while its parent has not ended', async () => {
    const stores = createMemoryStores(fixtureFacts);
    await stores.executions.insert(recordOf(bareExecution('parent', { status: 'suspended' }), { updatedAt: T0 }));
    await stores.executions.insert(recordOf(bareExecution('child', { status: 'completed', parent: 'parent' }), { updatedAt: T0 }));
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(1))).toBe(0);
    expect(await stores.executions.get('child')).not.toBeNull();
    const parent = (await stores.executions.get('parent'))!;
    parent.execution.status = 'completed';
    await stores.executions.update(recordOf(parent.execution, { updatedAt: T0 }), parent.revision);
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(1))).toBe(2);
  });

  it('finishes on the next sweep what a crash interrupted: the execution record goes last', async () => {
    const stores = createMemoryStores(fixtureFacts);
    const done = await runFixture(LOOP, { id: 'half' });
    await stores.executions.insert(recordOf(done.execution, { updatedAt: T0 }));
    await stores.events.append(done.events, 1);
    const crashing = { ...stores, tasks: { ...stores.tasks, removeForExecution: () => Promise.reject(new Error('crash')) } };
    await expect(sweepExpired(crashing, T0 + 2 * HOUR, hours(1))).rejects.toThrow('crash');
    expect(await stores.executions.get('half')).not.toBeNull();
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(1))).toBe(1);
    expect(await stores.executions.get('half')).toBeNull();
  });

  it('keeps each namespace for its own time when it has one, and the rest for the default', async () => {
    const stores = createMemoryStores(fixtureFacts);
    for (const id of ['plain', 'short/a', 'long/a', 'kept/a']) {
      await stores.executions.insert(recordOf(bareExecution(id, { status: 'completed' }), { updatedAt: T0 }));
    }
    // Two hours later: `short` (1 h) and the default (1 h) have expired; `long` (3 h) has not; `kept` (0) never does.
    const retention = hours(1, { short: 1, long: 3, kept: 0 });
    expect(await sweepExpired(stores, T0 + 2 * HOUR, retention)).toBe(2);
    expect(await stores.executions.get('plain')).toBeNull();
    expect(await stores.executions.get('short/a')).toBeNull();
    expect(await stores.executions.get('long/a')).not.toBeNull();
    expect(await sweepExpired(stores, T0 + 4 * HOUR, retention)).toBe(1);
    expect(await stores.executions.get('long/a')).toBeNull();
    expect(await sweepExpired(stores, T0 + 1000 * HOUR, retention)).toBe(0);
    expect(await stores.executions.get('kept/a')).not.toBeNull();
    // With no default retention, namespaces with their own still expire.
    await stores.executions.insert(recordOf(bareExecution('short/b', { status: 'completed' }), { updatedAt: T0 }));
    await stores.executions.insert(recordOf(bareExecution('plain-2', { status: 'completed' }), { updatedAt: T0 }));
    expect(await sweepExpired(stores, T0 + 2 * HOUR, hours(0, { short: 1 }))).toBe(1);
    expect(await stores.executions.get('plain-2')).not.toBeNull();
  });
});
