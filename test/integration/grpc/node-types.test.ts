// WorkflowService/ListNodeTypes and GetNodeType: the node catalog over gRPC, JSON Schemas included.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinNodeTypes } from '../../../src/nodes/builtin/catalog.js';
import { decodeStruct } from '../../../src/transport/grpc/codec/json.js';
import { mustFail } from './support/api.js';
import { call } from './support/calls.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';

describe('node catalog over gRPC', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
  });
  afterAll(() => t.close());

  it('lists every built-in node type with its ports, params schema and settings schema', async () => {
    const listed = await call(t.workflows.listNodeTypes.bind(t.workflows), {});
    if (!listed.ok) throw listed.error;
    const types = listed.response.nodeTypes;
    expect(types.map((type) => type.type)).toEqual(builtinNodeTypes().map((type) => type.type));
    const http = types.find((type) => type.type === 'http.request');
    expect(http).toMatchObject({ trigger: false, inputPorts: ['main'], defaultPort: 'main', sideEffects: true });
    const params = decodeStruct(http!.paramsSchema, 'params_schema');
    expect(params).toMatchObject({ type: 'object', required: ['url'], properties: { timeout: { type: 'integer', minimum: 1, maximum: 300_000 } } });
    expect(decodeStruct(http!.settingsSchema, 'settings_schema')).toMatchObject({ properties: { max_retries: { minimum: 1, maximum: 10, default: 1 } } });
  });

  it('describes one type, and refuses an unknown one as NOT_FOUND naming the closest', async () => {
    const found = await call(t.workflows.getNodeType.bind(t.workflows), { type: 'logic.switch' });
    if (!found.ok) throw found.error;
    expect(found.response.nodeType).toMatchObject({ type: 'logic.switch', dynamicPorts: true });
    const missing = mustFail(await call(t.workflows.getNodeType.bind(t.workflows), { type: 'logic.swtich' }));
    const rich = expectStatus(missing, { code: status.NOT_FOUND, reason: 'not_found' });
    expect(rich.message).toBe('NodeType logic.swtich not found (did you mean "logic.switch"?)');
    expectStatus(mustFail(await call(t.workflows.getNodeType.bind(t.workflows), { type: '' })), {
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
      fields: ['type'],
    });
  });
});
