import type { ExecutionStatus } from '../../../domain/execution.js';
import type { SuspensionKind } from '../../../domain/suspension.js';
import { executionStatusToJSON } from '../../../gen/prana/v1/execution.js';
import { suspensionKindToJSON } from '../../../gen/prana/v1/suspension.js';
import { encodeExecutionStatus } from './execution-status.js';
import { encodeSuspensionKind } from './suspension.js';

const EXECUTION_STATUSES: ReadonlySet<string> = new Set<ExecutionStatus>(['pending', 'running', 'suspended', 'completed', 'failed', 'cancelled']);
const SUSPENSION_KINDS: ReadonlySet<string> = new Set<SuspensionKind>(['interval', 'schedule', 'webhook', 'retry', 'sub_workflow', 'task']);

/**
 * ErrorInfo metadata as the contract writes it (errors.proto): an execution status or a suspension
 * kind is the proto enum value name (`EXECUTION_STATUS_COMPLETED`, `SUSPENSION_KIND_TASK`), not the
 * application's name for it. Which key holds which enum depends on the reason.
 */
export function encodeErrorMetadata(reason: string, metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...metadata };
  const status = metadata.status;
  if ((reason === 'not_suspended' || reason === 'already_terminal') && status !== undefined && EXECUTION_STATUSES.has(status)) {
    out.status = executionStatusToJSON(encodeExecutionStatus(status as ExecutionStatus));
  }
  const kind = metadata.kind;
  if (reason === 'not_resumable' && kind !== undefined && SUSPENSION_KINDS.has(kind)) {
    out.kind = suspensionKindToJSON(encodeSuspensionKind(kind as SuspensionKind));
  }
  return out;
}
