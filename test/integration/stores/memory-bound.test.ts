// The in-memory store's bound: it keeps at most so many ended executions, letting the longest-ended
// go with what the other memory stores hold of them, as retention would.
import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { LOOP, T0, bareExecution, fixtureFacts, recordOf, runFixture } from './fixtures.js';

describe('the bounded in-memory store', () => {
  it('lets the longest-ended executions go, with their events and id reservation, once it holds more than its bound', async () => {
    const stores = createMemoryStores(fixtureFacts, {}, undefined, 3);
    const first = await runFixture(LOOP, { id: 'first' });
    await stores.executions.insert(recordOf(first.execution, { updatedAt: T0 }));
    await stores.events.append(first.events, 1);
    await stores.idempotency.putIfAbsent({ scope: 'execution', key: 'first', fingerprint: 'f', result: {}, createdAt: T0 });
    for (let i = 1; i <= 3; i++) await stores.executions.insert(recordOf(bareExecution(`ended-${i}`, { status: 'completed' }), { updatedAt: T0 + i }));
    await stores.executions.insert(recordOf(bareExecution('waiting', { status: 'suspended' }), { updatedAt: T0 - 100, nextWakeAt: T0 + 50 }));
    expect(await stores.executions.get('first')).toBeNull();
    expect(await stores.events.read('first', 0, 100)).toEqual([]);
    expect(await stores.idempotency.get('execution', 'first')).toBeNull();
    for (const id of ['ended-1', 'ended-2', 'ended-3', 'waiting']) expect(await stores.executions.get(id)).not.toBeNull();
    // An execution that ends later pushes out the next longest-ended one, never one still running.
    const waiting = (await stores.executions.get('waiting'))!;
    waiting.execution.status = 'completed';
    await stores.executions.update(recordOf(waiting.execution, { updatedAt: T0 + 10 }), waiting.revision);
    expect(await stores.executions.get('ended-1')).toBeNull();
    expect(await stores.executions.get('waiting')).not.toBeNull();
    expect(await stores.executions.due(T0 + 1000, T0, 10)).toEqual([]);
  });

  it('keeps an ended child while its parent runs, and an ended execution still leased or with effects to finish', async () => {
    const stores = createMemoryStores(fixtureFacts, {}, undefined, 1);
    await stores.executions.insert(recordOf(bareExecution('parent', { status: 'suspended' }), { updatedAt: T0 }));
    await stores.executions.insert(recordOf(bareExecution('child', { status: 'completed', parent: 'parent' }), { updatedAt: T0 }));
    await stores.executions.insert(
      recordOf(bareExecution('leased', { status: 'completed' }), { updatedAt: T0 + 1, lease: { owner: 'r1', epoch: 1, until: T0 + 60_000 } }),
    );
    await stores.executions.insert(recordOf(bareExecution('latest', { status: 'completed' }), { updatedAt: T0 + 2 }));
    // Over the bound, the only one that may go is the newest.
    expect(await stores.executions.get('latest')).toBeNull();
    for (const id of ['parent', 'child', 'leased']) expect(await stores.executions.get(id)).not.toBeNull();
    // Released, the leased one may go, and goes.
    await stores.executions.release('leased', 'r1', 1);
    expect(await stores.executions.get('leased')).toBeNull();
    expect(await stores.executions.get('child')).not.toBeNull();
    // Once the parent has ended, the child is the longest-ended and goes first.
    const parent = (await stores.executions.get('parent'))!;
    parent.execution.status = 'completed';
    await stores.executions.update(recordOf(parent.execution, { updatedAt: T0 + 5 }), parent.revision);
    expect(await stores.executions.get('child')).toBeNull();
    expect(await stores.executions.get('parent')).not.toBeNull();
  });

  it('keeps every ended execution with a bound of 0', async () => {
    const stores = createMemoryStores(fixtureFacts);
    for (let i = 0; i < 50; i++) await stores.executions.insert(recordOf(bareExecution(`e${i}`, { status: 'completed' }), { updatedAt: T0 + i }));
    expect((await stores.executions.expired(T0 + 100, 1000)).length).toBe(50);
  });
});
