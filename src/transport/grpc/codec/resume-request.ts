import { invalidRequest } from '../../../app/app-error.js';
import type { ResumeRequest as AppResumeRequest } from '../../../app/use-cases/resume-execution.js';
import type { ResumeRequest } from '../../../gen/prana/v1/execution_service.js';
import type { EdgeLimits } from '../edge-limits.js';
import { RequestCheck } from '../request-check.js';
import { decodeJson } from './json.js';
import { decodeWait } from './request-options.js';

/**
 * Decodes a Resume request and checks it at the edge: exactly one target, `data` at most the resume
 * data limit (1 MiB), `request_id` length. Empty ids and keys are left to the use case, which names them.
 */
export function decodeResumeRequest(request: ResumeRequest, limits: EdgeLimits): AppResumeRequest {
  const target = request.target;
  if (target === undefined) throw invalidRequest([{ field: 'target', description: 'exactly one of node or resume_token is required' }]);
  const data = decodeJson(request.data, 'data');
  new RequestCheck().maxBytes('data', data, limits.maxResumeDataBytes).maxLength('request_id', request.requestId, limits.maxRequestIdLength).done();
  return {
    target:
      target.$case === 'node' ? { kind: 'node', executionId: target.value.executionId, nodeKey: target.value.nodeKey } : { kind: 'token', token: target.value },
    data,
    requestId: request.requestId === '' ? undefined : request.requestId,
    wait: decodeWait(request.wait),
  };
}
