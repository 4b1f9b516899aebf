import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecution, transition, type EngineEnv } from '../../../src/engine/index.js';
import { testApp } from './app-fixture.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** A local HTTP server that counts the requests it answers. */
async function countingServer(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hit: hits }));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits: () => hits };
}

describe('crash recovery', () => {
  /*  start -> call (http.request) -> after  */
  it('runs again the attempt a stopped owner left in flight, once its lease expired', async () => {
    const http = await countingServer();
    const t = testApp();
    const graphId = await t.compile({
      id: 'recover',
      name: 'recover',
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'call', type: 'http.request', params: { url: http.url } },
        { key: 'after', type: 'data.set_data', params: { mapping_map: '{{ $input.main.body }}' } },
      ],
      connections: [
        { from: 'start', to: 'call' },
        { from: 'call', to: 'after' },
      ],
    });
    const graph = await t.app.context.graphs.load(graphId);
    if (graph === null) throw new Error('no graph');
    // A previous owner created the execution and started it, then stopped while `call` was in flight.
    const env = (t.app.context.runtime as unknown as { deps: { engine: EngineEnv } }).deps.engine;
    const now = t.time.now();
    const execution = createExecution(graph, { id: 'crashed', input: {}, createdAt: now }, env.limits);
    const started = transition(execution, graph, { kind: 'start', now }, env);
    expect(started.commands.at(-1)).toMatchObject({ kind: 'execute_node' });
    await t.stores.executions.insert({
      execution: started.execution,
      nextWakeAt: null,
      lease: { owner: 'gone', epoch: 1, until: now + 1000 },
      effects: [],
      updatedAt: now,
    });
    await t.stores.events.append(started.events, 1);

    expect(await t.app.pollNow()).toBe(0);
    await t.time.advance(1000);
    expect(await t.app.pollNow()).toBe(1);
    const done = await t.app.getExecution('crashed');
    expect(done.execution.status).toBe('completed');
    expect(done.output).toEqual({ hit: 1 });
    expect(http.hits()).toBe(1);
    const events = await t.stores.events.read('crashed', 0, 100);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'call')).toHaveLength(2);
  });
});

describe('graceful stop', () => {
  /*  start -> call (http.request, answered late) -> after  */
  it('waits for the drive in progress to reach its write before the stores may close', async () => {
    let answer: (() => void) | undefined;
    server = createServer((_req, res) => {
      answer = () => {
        res.setHeader('content-type', 'application/json');
        res.end('{"late":true}');
      };
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const t = testApp();
    const graphId = await t.compile({
      id: 'slow',
      name: 'slow',
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'call', type: 'http.request', params: { url } },
      ],
      connections: [{ from: 'start', to: 'call' }],
    });
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'none' });
    while (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    let stopped = false;
    const stopping = t.app.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    answer();
    await stopping;
    const record = await t.stores.executions.get(view.execution.id);
    expect(record?.execution.status).toBe('completed');
  });
});

describe('cancelling an execution another replica runs', () => {
  /*  start -> first (http, answered late) -> second (http) -> after  */
  it('records the request; the owner finishes the attempt in flight and starts no further node', async () => {
    const answers: (() => void)[] = [];
    server = createServer((req, res) => {
      const reply = (): void => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ path: req.url }));
      };
      if (req.url === '/first') answers.push(reply);
      else reply();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const a = testApp();
    const b = testApp(a);
    const graphId = await a.compile({
      id: 'two-calls',
      name: 'two calls',
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'first', type: 'http.request', params: { url: `${base}/first` } },
        { key: 'second', type: 'http.request', params: { url: `${base}/second` } },
        { key: 'after', type: 'data.set_data', params: { mapping_map: 'after' } },
      ],
      connections: [
        { from: 'start', to: 'first' },
        { from: 'first', to: 'second' },
        { from: 'second', to: 'after' },
      ],
    });
    const { view } = await a.app.startExecution({ graphId, input: {}, wait: 'none' });
    while (answers.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const requested = await b.app.cancelExecution(view.execution.id, 'from elsewhere');
    expect(requested.execution.status).toBe('running');
    expect(requested.execution.cancel).toMatchObject({ reason: 'from elsewhere' });

    answers[0]?.();
    const done = await a.app.context.runtime.waitFor(view.execution.id, (e) => e.status === 'cancelled');
    expect(done.runs.get('second')?.[0]?.status).toBe('completed');
    expect(done.runs.has('after')).toBe(false);
    const events = await a.stores.events.read(view.execution.id, 0, 100);
    expect(events.at(-1)).toMatchObject({ type: 'execution_cancelled', reason: 'from elsewhere' });
    expect(a.errors).toEqual([]);
  });
});
