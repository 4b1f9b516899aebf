import type { Telemetry } from '../../app/ports/telemetry.js';

/** The slice of a pino logger this log writes to. */
export interface InfoLog {
  info(fields: object, message: string): void;
}

/**
 * One log line per execution state change, at info: started, suspended (with the node and what it
 * waits for), resumed, completed, failed (with the error), cancelled; and one per take-over of an
 * execution whose lease lapsed. Never inputs or outputs.
 */
export function stateChangeLog(log: InfoLog): Telemetry {
  return {
    event: (event) => {
      const base = { executionId: event.executionId, seq: event.seq };
      switch (event.type) {
        case 'execution_started':
          log.info(
            { ...base, graphId: event.graphId, workflowId: event.workflowId, parentExecutionId: event.parent?.parentExecutionId ?? null },
            'execution started',
          );
          return;
        case 'execution_suspended':
          log.info({ ...base, nodeKey: event.nodeKey, kind: event.kind }, 'execution suspended');
          return;
        case 'execution_resumed':
          log.info({ ...base, reason: event.reason }, 'execution resumed');
          return;
        case 'execution_completed':
          log.info(base, 'execution completed');
          return;
        case 'execution_failed':
          log.info({ ...base, code: errorCode(event.error) }, 'execution failed');
          return;
        case 'execution_cancelled':
          log.info({ ...base, reason: event.reason }, 'execution cancelled');
          return;
        default:
          return;
      }
    },
    wakeFired: () => undefined,
    recovery: (action) => {
      if (action === 'take_over') log.info({ action }, 'took over an execution whose lease lapsed');
    },
    tick: () => undefined,
  };
}

/** The `code` of an execution's error, without its message or details (they may carry data). */
function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}
