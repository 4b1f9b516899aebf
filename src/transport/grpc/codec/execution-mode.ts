import type { SubWorkflowMode } from '../../../domain/suspension.js';
import { ExecutionMode } from '../../../gen/prana/v1/execution_mode.js';

/** Encodes an execution's (or a sub-workflow call's) mode as prana.v1.ExecutionMode. */
export function encodeExecutionMode(mode: SubWorkflowMode): ExecutionMode {
  switch (mode) {
    case 'sync':
      return ExecutionMode.EXECUTION_MODE_SYNC;
    case 'async':
      return ExecutionMode.EXECUTION_MODE_ASYNC;
    case 'fire_and_forget':
      return ExecutionMode.EXECUTION_MODE_FIRE_AND_FORGET;
  }
}
