import type { StartRequest } from '../../../app/use-cases/start-execution.js';
import type { WaitUntil } from '../../../app/use-cases/wait-until.js';
import type { RunExecutionRequest } from '../../../gen/prana/v1/execution_service.js';
import type { EdgeLimits } from '../edge-limits.js';
import { RequestCheck } from '../request-check.js';
import { decodeJson, decodeStruct } from './json.js';
import { decodeLabels } from './labels.js';

/**
 * Decodes the fields that start an execution (StartExecution and RunExecution share them) and checks
 * them at the edge: `graph_id` required, `request_id` length, `input` and `variables` sizes. Empty ids
 * mean "not given". The id and label rules are the use case's.
 */
export function decodeStartRequest(request: RunExecutionRequest, wait: WaitUntil, limits: EdgeLimits): StartRequest {
  const input = decodeJson(request.input, 'input');
  const variables = decodeStruct(request.variables, 'variables');
  new RequestCheck()
    .required('graph_id', request.graphId)
    .maxLength('request_id', request.requestId, limits.maxRequestIdLength)
    .maxBytes('input', input, limits.maxInputBytes)
    .maxBytes('variables', variables, limits.maxInputBytes)
    .done();
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
