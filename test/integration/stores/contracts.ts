// Every store contract, for the runners to apply to one implementation.
import { documentSizeContract } from './document-size.contract.js';
import { eventLogContract } from './event-log.contract.js';
import { executionLeaseContract } from './execution-leases.contract.js';
import { executionListingContract } from './execution-listing.contract.js';
import { executionStoreContract } from './execution-store.contract.js';
import { graphStoreContract } from './graph-store.contract.js';
import { idempotencyStoreContract } from './idempotency-store.contract.js';
import { namespaceIsolationContract } from './namespace-isolation.contract.js';
import { retentionContract } from './retention.contract.js';
import { scheduleStoreContract } from './schedule-store.contract.js';
import type { StoreHarness } from './store-harness.js';
import { taskStoreContract } from './task-store.contract.js';

/** Declares the whole store contract suite against one implementation. */
export function storeContracts(harness: StoreHarness): void {
  executionStoreContract(harness);
  executionListingContract(harness);
  executionLeaseContract(harness);
  documentSizeContract(harness);
  eventLogContract(harness);
  graphStoreContract(harness);
  idempotencyStoreContract(harness);
  taskStoreContract(harness);
  scheduleStoreContract(harness);
  retentionContract(harness);
  namespaceIsolationContract(harness);
}
