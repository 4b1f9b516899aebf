import { invalidRequest } from '../../../app/app-error.js';
import type { WaitUntil } from '../../../app/use-cases/wait-until.js';
import { ExecutionView, ExecutionWait } from '../../../gen/prana/v1/execution_service.js';

/** How much of an execution an answer carries (prana.v1.ExecutionView, decoded). */
export type ViewDepth = 'basic' | 'full';

/** Decodes ExecutionWait: UNSPECIFIED means NONE; an undefined number is INVALID_ARGUMENT on `wait`. */
export function decodeWait(wait: ExecutionWait): WaitUntil {
  switch (wait) {
    case ExecutionWait.EXECUTION_WAIT_UNSPECIFIED:
    case ExecutionWait.EXECUTION_WAIT_NONE:
      return 'none';
    case ExecutionWait.EXECUTION_WAIT_SETTLED:
      return 'settled';
    case ExecutionWait.EXECUTION_WAIT_TERMINAL:
      return 'terminal';
    case ExecutionWait.UNRECOGNIZED:
    default:
      throw invalidRequest([{ field: 'wait', description: `unknown ExecutionWait value ${String(wait)}` }]);
  }
}

/** Decodes ExecutionView: UNSPECIFIED means the RPC's default; an undefined number is INVALID_ARGUMENT on `view`. */
export function decodeViewDepth(view: ExecutionView, unspecified: ViewDepth): ViewDepth {
  switch (view) {
    case ExecutionView.EXECUTION_VIEW_UNSPECIFIED:
      return unspecified;
    case ExecutionView.EXECUTION_VIEW_BASIC:
      return 'basic';
    case ExecutionView.EXECUTION_VIEW_FULL:
      return 'full';
    case ExecutionView.UNRECOGNIZED:
    default:
      throw invalidRequest([{ field: 'view', description: `unknown ExecutionView value ${String(view)}` }]);
  }
}
