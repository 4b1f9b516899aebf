// The retention sweep over real (memory) stores: what goes, what stays, and a sweep broken part-way.
import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { sweepExpired } from '../../../src/app/runtime/retention.js';
import { LOOP, T0, bareExecution, fixtureFacts, recordOf, runFixture } from './fixtures.js';

const HOUR = 3_600_000;

describe('sweepExpired', () => {
  it('deletes ended executions past retention with their events, and keeps the rest', async () => {
    const stores = createMemoryStores(fixtureFacts);
    const done = await runFixture(LOOP, { id: 'done' });
    await stores.executions.insert(recordOf(done.execution, { updatedAt: T0 }));
    await stores.events.append(done.events, 1);
    await stores.executions.insert(recordOf(bareExecution('young', { status: 'completed' }), { updatedAt: T0 + 2 * HOUR }));
    await stores.executions.insert(recordOf(bareExecution('waiting', { status: 'suspended' }), { updatedAt: T0 }));
    expect(await sweepExpired(stores, T0 + 2 * HOUR, HOUR)).toBe(1);
    expect(await stores.executions.get('done')).toBeNull();
    expect(await stores.events.read('done', 0, 100)).toEqual([]);
    expect(await stores.executions.get('young')).not.toBeNull();
    expect(await stores.executions.get('waiting')).not.toBeNull();
    expect(await sweepExpired(stores, T0 + 2 * HOUR, 0)).toBe(0);
  });

  it('keeps an ended child while its parent has not ended', async () => {
    const stores = createMemoryStores(fixtureFacts);
    await stores.executions.insert(recordOf(bareExecution('parent', { status: 'suspended' }), { updatedAt: T0 }));
    await stores.executions.insert(recordOf(bareExecution('child', { status: 'completed', parent: 'parent' }), { updatedAt: T0 }));
    expect(await sweepExpired(stores, T0 + 2 * HOUR, HOUR)).toBe(0);
    expect(await stores.executions.get('child')).not.toBeNull();
    const parent = (await stores.executions.get('parent'))!;
    parent.execution.status = 'completed';
    await stores.executions.update(recordOf(parent.execution, { updatedAt: T0 }), parent.revision);
    expect(await sweepExpired(stores, T0 + 2 * HOUR, HOUR)).toBe(2);
  });

  it('finishes on the next sweep what a crash interrupted: the execution record goes last', async () => {
    const stores = createMemoryStores(fixtureFacts);
    const done = await runFixture(LOOP, { id: 'half' });
    await stores.executions.insert(recordOf(done.execution, { updatedAt: T0 }));
    await stores.events.append(done.events, 1);
    const crashing = { ...stores, tasks: { ...stores.tasks, removeForExecution: () => Promise.reject(new Error('crash')) } };
    await expect(sweepExpired(crashing, T0 + 2 * HOUR, HOUR)).rejects.toThrow('crash');
    expect(await stores.executions.get('half')).not.toBeNull();
    expect(await sweepExpired(stores, T0 + 2 * HOUR, HOUR)).toBe(1);
    expect(await stores.executions.get('half')).toBeNull();
  });
});
