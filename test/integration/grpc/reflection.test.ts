// gRPC server reflection: a client lists the services and gets the file descriptors of any symbol,
// with every import, through v1 and v1alpha, without a token while health is public.
import { createHash } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { credentials, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerReflectionClient, type ServerReflectionRequest, type ServerReflectionResponse } from '../../../src/gen/grpc/reflection/v1/reflection.js';
import { makeGenericClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { ServerReflectionService } from '../../../src/gen/grpc/reflection/v1/reflection.js';
import { startTestService, type TestService } from './support/test-service.js';

/** Sends the requests on one reflection stream and collects the answers. */
async function reflect(client: ServerReflectionClient, requests: readonly Omit<ServerReflectionRequest, 'host'>[]): Promise<ServerReflectionResponse[]> {
  const stream = client.serverReflectionInfo();
  const answers: ServerReflectionResponse[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (answer: ServerReflectionResponse) => answers.push(answer));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (const request of requests) stream.write({ host: '', ...request });
  stream.end();
  await done;
  return answers;
}

/** The names of the files in a file descriptor answer. */
function fileNames(answer: ServerReflectionResponse | undefined): string[] {
  if (answer?.messageResponse?.$case !== 'fileDescriptorResponse') throw new Error(`not a file answer: ${JSON.stringify(answer?.messageResponse)}`);
  return answer.messageResponse.value.fileDescriptorProto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes).name);
}

describe('server reflection', () => {
  let t: TestService;
  beforeAll(async () => {
    const sha256 = createHash('sha256').update('some-key').digest('hex');
    // Authentication on: reflection still answers without a token, like health.
    t = await startTestService({ name: 'memory' }, {}, { PRANA_API_KEYS: JSON.stringify([{ name: 'k', sha256, scopes: ['read'] }]) });
  });
  afterAll(() => t.close());

  it('lists every service the server serves', async () => {
    const client = new ServerReflectionClient(t.target, credentials.createInsecure());
    const [answer] = await reflect(client, [{ messageRequest: { $case: 'listServices', value: '' } }]);
    client.close();
    expect(answer?.messageResponse?.$case === 'listServicesResponse' && answer.messageResponse.value.service.map((s) => s.name).sort()).toEqual([
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
      'prana.v1.ExecutionService',
      'prana.v1.ScheduleService',
      'prana.v1.TaskService',
      'prana.v1.WorkflowService',
    ]);
  });

  it('answers the file of a service, a method or a message, with every file it imports', async () => {
    const client = new ServerReflectionClient(t.target, credentials.createInsecure());
    const answers = await reflect(client, [
      { messageRequest: { $case: 'fileContainingSymbol', value: 'prana.v1.ExecutionService' } },
      { messageRequest: { $case: 'fileContainingSymbol', value: 'prana.v1.ExecutionService.StartExecution' } },
      { messageRequest: { $case: 'fileByFilename', value: 'google/protobuf/struct.proto' } },
      { messageRequest: { $case: 'fileContainingSymbol', value: 'prana.v1.NoSuchThing' } },
    ]);
    client.close();
    const service = fileNames(answers[0]);
    expect(service[0]).toBe('prana/v1/execution_service.proto');
    expect(service).toContain('google/protobuf/struct.proto');
    expect(new Set(service).size).toBe(service.length);
    expect(fileNames(answers[1])[0]).toBe('prana/v1/execution_service.proto');
    expect(fileNames(answers[2])).toEqual(['google/protobuf/struct.proto']);
    expect(answers[3]?.messageResponse).toEqual({
      $case: 'errorResponse',
      value: { errorCode: status.NOT_FOUND, errorMessage: 'symbol prana.v1.NoSuchThing not found' },
    });
    const start = fromBinary(
      FileDescriptorProtoSchema,
      (answers[0]?.messageResponse as { value: { fileDescriptorProto: Buffer[] } }).value.fileDescriptorProto[0] as Buffer,
    );
    expect(start.service.find((s) => s.name === 'ExecutionService')?.method.map((m) => m.name)).toContain('StartExecution');
  });

  it('answers older clients through v1alpha', async () => {
    // A v1alpha client: the same messages at the older path.
    const alpha = Object.fromEntries(
      Object.entries(ServerReflectionService).map(([name, method]) => [name, { ...method, path: method.path.replace('.v1.', '.v1alpha.') }]),
    ) as ServiceDefinition;
    const AlphaClient = makeGenericClientConstructor(alpha, 'grpc.reflection.v1alpha.ServerReflection') as unknown as typeof ServerReflectionClient;
    const client = new AlphaClient(t.target, credentials.createInsecure());
    const [answer] = await reflect(client, [{ messageRequest: { $case: 'listServices', value: '' } }]);
    client.close();
    expect(answer?.messageResponse?.$case).toBe('listServicesResponse');
  });

  it('is not served with PRANA_REFLECTION=false', async () => {
    const off = await startTestService({ name: 'memory' }, {}, { PRANA_REFLECTION: 'false' });
    const client = new ServerReflectionClient(off.target, credentials.createInsecure());
    try {
      await expect(reflect(client, [{ messageRequest: { $case: 'listServices', value: '' } }])).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    } finally {
      client.close();
      await off.close();
    }
  });
});
