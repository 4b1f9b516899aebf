import { describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../../../src/gen/prana/v1/execution.js';
import { ListExecutionsRequest, RunExecutionRequest } from '../../../../../src/gen/prana/v1/execution_service.js';
import { Workflow } from '../../../../../src/gen/prana/v1/workflow.js';
import { decodeListRequest } from '../../../../../src/transport/grpc/codec/list-request.js';
import { decodeStartRequest } from '../../../../../src/transport/grpc/codec/start-request.js';
import { decodeTime, encodeTime } from '../../../../../src/transport/grpc/codec/time.js';
import { decodeWorkflow } from '../../../../../src/transport/grpc/codec/workflow.js';

describe('decodeStartRequest', () => {
  it('reads empty ids as not given and an absent input as null', () => {
    const request = decodeStartRequest(RunExecutionRequest.fromPartial({ graphId: 'g' }), 'none');
    expect(request).toEqual({ graphId: 'g', input: null, variables: undefined, labels: {}, executionId: undefined, requestId: undefined, wait: 'none' });
  });

  it('keeps given ids, input, variables and labels', () => {
    const request = decodeStartRequest(
      RunExecutionRequest.fromPartial({ graphId: 'g', executionId: 'e', requestId: 'r', input: { a: 1 }, variables: { v: 2 }, labels: { team: 'core' } }),
      'settled',
    );
    expect(request).toMatchObject({ executionId: 'e', requestId: 'r', input: { a: 1 }, variables: { v: 2 }, labels: { team: 'core' }, wait: 'settled' });
  });
});

describe('decodeListRequest', () => {
  it('drops UNSPECIFIED statuses and says when only those were given (that matches nothing)', () => {
    const only = decodeListRequest(ListExecutionsRequest.fromPartial({ statuses: [ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED] }));
    expect(only.matchesNothing).toBe(true);
    expect(only.list.statuses).toEqual([]);
    const mixed = decodeListRequest(
      ListExecutionsRequest.fromPartial({ statuses: [ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED, ExecutionStatus.EXECUTION_STATUS_FAILED] }),
    );
    expect(mixed).toMatchObject({ matchesNothing: false, list: { statuses: ['failed'] } });
    expect(decodeListRequest(ListExecutionsRequest.fromPartial({})).matchesNothing).toBe(false);
  });

  it('reads the time bounds as epoch milliseconds', () => {
    const list = decodeListRequest(ListExecutionsRequest.fromPartial({ createdAfter: new Date(1000), createdBefore: new Date(5000), graphId: '' })).list;
    expect(list).toMatchObject({ createdAfter: 1000, createdBefore: 5000, graphId: undefined });
  });
});

describe('time', () => {
  it('round-trips epoch milliseconds and refuses an invalid date', () => {
    expect(decodeTime(encodeTime(1234), 'at')).toBe(1234);
    expect(encodeTime(null)).toBeUndefined();
    expect(decodeTime(undefined, 'at')).toBeUndefined();
    expect(() => decodeTime(new Date(Number.NaN), 'created_after')).toThrow(/created_after/);
  });
});

describe('decodeWorkflow', () => {
  it('reads empty ports as main-by-default, int64 settings as numbers and an empty trigger as absent', () => {
    const definition = decodeWorkflow(
      Workflow.fromPartial({
        id: 'w',
        name: 'n',
        nodes: [{ key: 'a', type: 'manual.trigger', settings: { retryDelayMs: '1500', maxRetries: 2 } }],
        connections: [{ fromNode: 'a', toNode: 'b', fromPort: '', toPort: 'in' }],
      }),
    );
    expect(definition.trigger).toBeUndefined();
    expect(definition.nodes[0]?.settings).toMatchObject({ retryDelayMs: 1500, maxRetries: 2, onError: undefined });
    expect(definition.connections).toEqual([{ from: 'a', fromPort: undefined, to: 'b', toPort: 'in' }]);
  });
});
