// The store contract suite against the in-memory stores.
import { describe } from 'vitest';
import { createMemoryStores } from '../../../src/adapters/memory/memory-stores.js';
import { storeContracts } from './contracts.js';
import { fixtureFacts } from './fixtures.js';

describe('memory stores', () => {
  storeContracts({
    name: 'memory',
    open: async (limits) => {
      const stores = createMemoryStores(fixtureFacts, limits);
      return { ...stores, atomicWrites: true, documentBytes: async (id) => stores.executions.documentBytes(id) };
    },
  });
});
