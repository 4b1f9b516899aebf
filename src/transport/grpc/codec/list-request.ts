import type { ExecutionStatus } from '../../../domain/execution.js';
import type { ListRequest } from '../../../app/use-cases/read-executions.js';
import type { ListExecutionsRequest } from '../../../gen/prana/v1/execution_service.js';
import { decodeExecutionStatus } from './execution-status.js';
import { decodeLabels } from './labels.js';
import { decodeTime } from './time.js';

/**
 * Decodes ListExecutions filters and paging. `matchesNothing` is true when every status given is
 * UNSPECIFIED, which the contract says matches no execution.
 */
export function decodeListRequest(request: ListExecutionsRequest): { readonly list: ListRequest; readonly matchesNothing: boolean } {
  const statuses: ExecutionStatus[] = [];
  request.statuses.forEach((status, index) => {
    const decoded = decodeExecutionStatus(status, `statuses[${index}]`);
    if (decoded !== null) statuses.push(decoded);
  });
  return {
    list: {
      statuses,
      graphId: request.graphId === '' ? undefined : request.graphId,
      labels: decodeLabels(request.labels),
      createdAfter: decodeTime(request.createdAfter, 'created_after'),
      createdBefore: decodeTime(request.createdBefore, 'created_before'),
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    },
    matchesNothing: request.statuses.length > 0 && statuses.length === 0,
  };
}
