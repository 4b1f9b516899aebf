// Example: compile a workflow whose middle node is the custom task type `example.enrich` (served by
// examples/python/worker.py), start it, watch its events to completion, and handle refused calls by
// their typed reasons, with the TypeScript SDK. It checks what it receives and exits non-zero when
// something differs.
//
//   npm start -- HOST:PORT
import { errorOf, ExecutionStatus, PranaClient, watchExecution, Workflow } from '@prana/sdk';

const target = process.argv[2] ?? '127.0.0.1:50051';
const client = new PranaClient(target);

// fromPartial fills the fields left out with their defaults.
const workflow = Workflow.fromPartial({
  id: 'example-enrich-ts',
  name: 'Enrich a customer',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'enrich', type: 'task.external', params: { task_type: 'example.enrich', input: '{{ $input.main }}' } },
    { key: 'reply', type: 'data.set_data', params: { mapping_map: { message: '{{ $input.main.greeting }}', vip: '{{ $input.main.vip }}' } } },
  ],
  connections: [
    { fromNode: 'start', toNode: 'enrich' },
    { fromNode: 'enrich', toNode: 'reply' },
  ],
});

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
}

try {
  // 1. Compile and start with a JSON input.
  const { graphId, diagnostics } = await client.compile(workflow);
  check(graphId !== '', `the workflow compiles (${JSON.stringify(diagnostics)})`);
  const started = await client.start({ graphId, input: { customer: 'grace' } });
  const id = started.execution!.id;

  // 2. Watch its events to the end.
  const kinds: string[] = [];
  for await (const event of watchExecution(client, id)) kinds.push(event.event?.$case ?? 'unknown');
  check(kinds.at(-1) === 'executionCompleted', `the execution completed (events ${kinds.join(', ')})`);
  const { execution } = await client.get(id);
  check(execution?.status === ExecutionStatus.EXECUTION_STATUS_COMPLETED, 'GetExecution says completed');
  const output = execution?.output as { message?: string; vip?: boolean };
  check(output.message === 'Hello, GRACE' && output.vip === false, `the output (${JSON.stringify(output)})`);

  // 3. Refused calls, handled by their typed reasons.
  const missing = await client.get('no-such-execution').then(
    () => null,
    (error: unknown) => errorOf(error),
  );
  check(missing?.reason === 'not_found' && missing.resourceType === 'prana.v1.Execution', `not_found for an unknown execution (${String(missing)})`);
  const invalid = await client.start({ graphId, labels: { 'bad key!': 'x' } }).then(
    () => null,
    (error: unknown) => errorOf(error),
  );
  check(invalid?.reason === 'invalid_request' && invalid.fields.length > 0, `invalid_request with field violations (${String(invalid)})`);
  console.log(
    `typescript example: ${id} completed after ${kinds.length} events with "${output.message}"; refusals: ${missing!.reason}, ${invalid!.reason} (${invalid!.fields[0]!.field})`,
  );
} finally {
  client.close();
}
