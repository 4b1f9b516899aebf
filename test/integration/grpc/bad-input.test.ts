// Bad input gets a typed answer and stalls nothing: overlong ids, undecodable bytes, nesting past the
// documented depth and invalid UTF-8 each answer INVALID_ARGUMENT with ErrorInfo, and echoes are bounded.
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartExecutionRequest } from '../../../src/gen/prana/v1/execution_service.js';
import { api, mustFail, type Api } from './support/api.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';

describe('bad input', () => {
  let t: TestService;
  let a: Api;
  let raw: Client;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
    a = api(t);
    raw = new Client(t.target, credentials.createInsecure());
  });
  afterAll(async () => {
    raw.close();
    await t.close();
  });

  /** Sends `bytes` as the request of `method`, undecoded: the server sees exactly these bytes. */
  function sendBytes(method: string, bytes: Uint8Array | readonly number[]): Promise<ServiceError> {
    return new Promise((resolve, reject) =>
      raw.makeUnaryRequest(
        `/prana.v1.${method}`,
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.from(bytes as Uint8Array),
        new Metadata(),
        { deadline: Date.now() + 5000 },
        (error) => (error ? resolve(error) : reject(new Error('the call succeeded'))),
      ),
    );
  }

  /** A length-delimited field `number` holding `bytes`, in protobuf wire format. */
  function field(number: number, bytes: readonly number[]): number[] {
    return [(number << 3) | 2, bytes.length, ...bytes];
  }

  it('refuses an overlong id at once, with a bounded answer, and the connection carries on', async () => {
    const error = mustFail(await a.get({ executionId: 'x'.repeat(30_000) }));
    const rich = expectStatus(error, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
    expect(rich.message).toBe('invalid execution_id: must be at most 192 characters');
    const stream = a.watch('y'.repeat(30_000), 0);
    const failed = await new Promise<ServiceError>((resolve) => stream.on('error', resolve));
    expectStatus(failed, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
    expectStatus(mustFail(await a.cancel('z'.repeat(30_000))), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
    expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: 'e'.repeat(300), nodeKey: 'k'.repeat(200) } } })), {
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
      fields: ['node.execution_id', 'node.node_key'],
    });
    expectStatus(mustFail(await a.complete({ taskId: 't'.repeat(30_000), workerId: 'w' })), {
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
      fields: ['task_id'],
    });
    // An id within the limit that names nothing: NOT_FOUND, echoing the id in ResourceInfo.
    const missing = expectStatus(mustFail(await a.get({ executionId: 'm'.repeat(128) })), { code: status.NOT_FOUND, reason: 'not_found' });
    expect(missing.resource?.name).toBe('m'.repeat(128));
  });

  it('answers undecodable bytes with INVALID_ARGUMENT, not INTERNAL', async () => {
    const error = await sendBytes('ExecutionService/GetExecution', [0x0a, 0x50, 0x61]);
    const rich = expectStatus(error, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', metadata: { cause: 'undecodable' } });
    expect(rich.message).toMatch(/^the prana\.v1\.ExecutionService\/GetExecution request cannot be decoded: /);
  });

  it('answers nesting deeper than 32 levels with INVALID_ARGUMENT', async () => {
    const nested = (depth: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let level = 1; level < depth; level++) value = { a: value };
      return value;
    };
    const deep = StartExecutionRequest.encode(StartExecutionRequest.fromPartial({ graphId: 'g'.repeat(64), input: nested(40) })).finish();
    const rich = expectStatus(await sendBytes('ExecutionService/StartExecution', deep), { code: status.INVALID_ARGUMENT, reason: 'invalid_request' });
    expect(rich.message).toMatch(/values nest deeper than 32 levels$/);
    // 32 levels decode: the call gets as far as the unknown graph.
    const shallow = StartExecutionRequest.encode(StartExecutionRequest.fromPartial({ graphId: 'g'.repeat(64), input: nested(32) })).finish();
    expectStatus(await sendBytes('ExecutionService/StartExecution', shallow), { code: status.NOT_FOUND, reason: 'not_found' });
  });

  it('refuses invalid UTF-8 in an id instead of turning it into U+FFFD', async () => {
    for (const invalid of [
      [0x61, 0xff],
      [0x61, 0xfe],
      [0x61, 0xc3],
    ]) {
      const rich = expectStatus(await sendBytes('ExecutionService/GetExecution', field(1, invalid)), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
      });
      expect(rich.message).toMatch(/a string field is not valid UTF-8$/);
    }
    // Valid UTF-8 passes: an unknown execution.
    expectStatus(await sendBytes('ExecutionService/GetExecution', field(1, [0x61, 0xc3, 0xa9])), { code: status.NOT_FOUND, reason: 'not_found' });
  });
});
