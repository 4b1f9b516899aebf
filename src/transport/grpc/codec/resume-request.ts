import { invalidRequest } from '../../../app/app-error.js';
import type { ResumeRequest as AppResumeRequest } from '../../../app/use-cases/resume-execution.js';
import type { ResumeRequest } from '../../../gen/prana/v1/execution_service.js';
import { decodeJson } from './json.js';
import { decodeWait } from './request-options.js';

/** Decodes a Resume request: exactly one target; the use case checks every rule. */
export function decodeResumeRequest(request: ResumeRequest): AppResumeRequest {
  const target = request.target;
  if (target === undefined) throw invalidRequest([{ field: 'target', description: 'exactly one of node or resume_token is required' }]);
  const data = decodeJson(request.data, 'data');
  return {
    target:
      target.$case === 'node' ? { kind: 'node', executionId: target.value.executionId, nodeKey: target.value.nodeKey } : { kind: 'token', token: target.value },
    data,
    requestId: request.requestId === '' ? undefined : request.requestId,
    wait: decodeWait(request.wait),
  };
}
