// Names of statuses as the command line and the console print them (browser-safe: message types only).
import { ExecutionStatus, NodeExecutionStatus } from '../sdk/typescript/src/gen/prana/v1/execution.js';

/** `suspended` for EXECUTION_STATUS_SUSPENDED. */
export function statusName(status: ExecutionStatus): string {
  return ExecutionStatus[status]?.replace('EXECUTION_STATUS_', '').toLowerCase() ?? 'unknown';
}

/** `completed` for NODE_EXECUTION_STATUS_COMPLETED. */
export function nodeStatusName(status: NodeExecutionStatus): string {
  return NodeExecutionStatus[status]?.replace('NODE_EXECUTION_STATUS_', '').toLowerCase() ?? 'unknown';
}

/** The status a name (`suspended`, any case) stands for, or null when it names none. */
export function statusNamed(name: string): ExecutionStatus | null {
  const status = ExecutionStatus[`EXECUTION_STATUS_${name.toUpperCase()}` as keyof typeof ExecutionStatus];
  return typeof status !== 'number' || status === ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED ? null : status;
}
