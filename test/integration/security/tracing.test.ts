// Tracing: the caller's trace context (W3C traceparent in metadata) is carried into the execution, its
// node runs and store calls, and out in http.request headers; spans go to an in-memory exporter.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait, StartExecutionRequest, type StartExecutionResponse } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must } from '../grpc/support/api.js';
import { startTestService, type TestService } from '../grpc/support/test-service.js';
import { lineWorkflow } from '../grpc/support/workflows.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager();
  let t: TestService;
  let server: Server;
  const seenTraceparents: string[] = [];

  beforeAll(async () => {
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    server = createServer((request, response) => {
      seenTraceparents.push(String(request.headers.traceparent ?? ''));
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await startTestService({ name: 'memory' }, {}, { OTEL_TRACES_EXPORTER: 'otlp', PRANA_HTTP_ALLOW_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it("exports spans in the caller's trace for the call, the execution's step, its node runs and store calls, and sends the trace on", async () => {
    const a = api(t);
    const port = (server.address() as AddressInfo).port;
    const compiled = must(
      await a.compile(lineWorkflow('traced', [{ key: 'call', type: 'http.request', params: { url: `http://127.0.0.1:${port}/hook`, timeout: 5000 } }])),
    );
    const metadata = new Metadata();
    metadata.set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN}-01`);
    const request = StartExecutionRequest.fromPartial({
      graphId: compiled.graphId,
      wait: ExecutionWait.EXECUTION_WAIT_TERMINAL,
      view: ExecutionView.EXECUTION_VIEW_BASIC,
    });
    const response = await new Promise<StartExecutionResponse>((resolve, reject) =>
      t.executions.startExecution(request, metadata, { deadline: Date.now() + 10_000 }, (error: ServiceError | null, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    expect(response.execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);

    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    const names = spans.map((span) => span.name);
    const rpc = spans.find((span) => span.name === 'prana.v1.ExecutionService/StartExecution');
    expect(rpc?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(names).toContain('execution step');
    expect(names).toContain('node http.request');
    expect(names.some((name) => name.startsWith('store.execution.'))).toBe(true);
    const node = spans.find((span) => span.name === 'node http.request');
    expect(node?.attributes['prana.execution_id']).toBe(response.execution?.id);
    expect(seenTraceparents).toHaveLength(1);
    expect(seenTraceparents[0]).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });
});
