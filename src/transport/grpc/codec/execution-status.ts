import type { ExecutionStatus as DomainStatus, NodeExecutionStatus as DomainNodeStatus } from '../../../domain/execution.js';
import { invalidRequest } from '../../../app/app-error.js';
import { ExecutionStatus, NodeExecutionStatus } from '../../../gen/prana/v1/execution.js';

/** Encodes an execution status as prana.v1.ExecutionStatus. */
export function encodeExecutionStatus(status: DomainStatus): ExecutionStatus {
  switch (status) {
    case 'pending':
      return ExecutionStatus.EXECUTION_STATUS_PENDING;
    case 'running':
      return ExecutionStatus.EXECUTION_STATUS_RUNNING;
    case 'suspended':
      return ExecutionStatus.EXECUTION_STATUS_SUSPENDED;
    case 'completed':
      return ExecutionStatus.EXECUTION_STATUS_COMPLETED;
    case 'failed':
      return ExecutionStatus.EXECUTION_STATUS_FAILED;
    case 'cancelled':
      return ExecutionStatus.EXECUTION_STATUS_CANCELLED;
  }
}

/**
 * Decodes a status of a ListExecutions filter. UNSPECIFIED is `null` (it matches nothing); a number
 * the contract does not define is INVALID_ARGUMENT naming `field`.
 */
export function decodeExecutionStatus(status: ExecutionStatus, field: string): DomainStatus | null {
  switch (status) {
    case ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED:
      return null;
    case ExecutionStatus.EXECUTION_STATUS_PENDING:
      return 'pending';
    case ExecutionStatus.EXECUTION_STATUS_RUNNING:
      return 'running';
    case ExecutionStatus.EXECUTION_STATUS_SUSPENDED:
      return 'suspended';
    case ExecutionStatus.EXECUTION_STATUS_COMPLETED:
      return 'completed';
    case ExecutionStatus.EXECUTION_STATUS_FAILED:
      return 'failed';
    case ExecutionStatus.EXECUTION_STATUS_CANCELLED:
      return 'cancelled';
    case ExecutionStatus.UNRECOGNIZED:
    default:
      throw invalidRequest([{ field, description: `unknown ExecutionStatus value ${String(status)}` }]);
  }
}

/** Encodes a node run status as prana.v1.NodeExecutionStatus. */
export function encodeNodeExecutionStatus(status: DomainNodeStatus): NodeExecutionStatus {
  switch (status) {
    case 'running':
      return NodeExecutionStatus.NODE_EXECUTION_STATUS_RUNNING;
    case 'completed':
      return NodeExecutionStatus.NODE_EXECUTION_STATUS_COMPLETED;
    case 'failed':
      return NodeExecutionStatus.NODE_EXECUTION_STATUS_FAILED;
    case 'suspended':
      return NodeExecutionStatus.NODE_EXECUTION_STATUS_SUSPENDED;
    case 'cancelled':
      return NodeExecutionStatus.NODE_EXECUTION_STATUS_CANCELLED;
  }
}
