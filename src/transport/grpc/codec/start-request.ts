import type { StartRequest } from '../../../app/use-cases/start-execution.js';
import type { WaitUntil } from '../../../app/use-cases/wait-until.js';
import type { RunExecutionRequest } from '../../../gen/prana/v1/execution_service.js';
import { decodeJson, decodeStruct } from './json.js';
import { decodeLabels } from './labels.js';

/**
 * Decodes the fields that start an execution (StartExecution and RunExecution share them). Empty ids
 * mean "not given"; the use case checks every rule.
 */
export function decodeStartRequest(request: RunExecutionRequest, wait: WaitUntil): StartRequest {
  const input = decodeJson(request.input, 'input');
  const variables = decodeStruct(request.variables, 'variables');
  return {
    graphId: request.graphId,
    input,
    variables,
    labels: decodeLabels(request.labels),
    executionId: request.executionId === '' ? undefined : request.executionId,
    requestId: request.requestId === '' ? undefined : request.requestId,
    wait,
  };
}
