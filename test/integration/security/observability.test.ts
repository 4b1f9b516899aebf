// Metrics on their own port and the access and state-change logs, after a run through the real service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { CreateScheduleRequest, TriggerScheduleRequest } from '../../../src/gen/prana/v1/schedule_service.js';
import { api, must, mustFail, type Api } from '../grpc/support/api.js';
import { call } from '../grpc/support/calls.js';
import { eventually } from '../grpc/support/eventually.js';
import { startTestService, type TestService } from '../grpc/support/test-service.js';
import { chainWorkflow, pauseThenWebhookWorkflow } from '../grpc/support/workflows.js';

describe('metrics and logs', () => {
  let t: TestService;
  let a: Api;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    t = await startTestService({ name: 'memory' }, {}, { PRANA_METRICS_ADDRESS: '127.0.0.1:0' }, logger);
    a = api(t);
    const chain = await a.graphOf(chainWorkflow(3, 'observed'));
    const done = must(await a.start({ graphId: chain, input: { secret: 'do-not-log' }, requestId: 'req-1', wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
    expect(done.execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
    const paused = await a.graphOf(pauseThenWebhookWorkflow('observed-wait'));
    const waiting = must(await a.start({ graphId: paused, wait: ExecutionWait.EXECUTION_WAIT_SETTLED, view: ExecutionView.EXECUTION_VIEW_FULL }));
    expect(waiting.execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_SUSPENDED);
    mustFail(await a.get({ executionId: 'missing' }));
  });
  afterAll(() => t.close());

  async function scrape(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${t.service.metricsPort}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  }

  it('serves every named series on the metrics port', async () => {
    const text = await scrape();
    const series = [
      /^prana_rpc_duration_seconds_count\{method="prana\.v1\.ExecutionService\/StartExecution",code="OK"\} 2$/m,
      /^prana_rpc_duration_seconds_count\{method="prana\.v1\.ExecutionService\/GetExecution",code="NOT_FOUND"\} 1$/m,
      /^prana_execution_state_changes_total\{status="completed"\} 1$/m,
      /^prana_execution_state_changes_total\{status="suspended"\} [1-9]/m,
      /^prana_node_runs_total\{type="data\.set_data",outcome="completed"\} 3$/m,
      /^prana_node_run_duration_seconds_count\{type="data\.set_data"\} 3$/m,
      /^prana_timer_fire_lag_seconds_count [1-9]/m,
      /^# TYPE prana_recovery_actions_total counter$/m,
      /^prana_store_call_duration_seconds_count\{store="execution",method="[a-zA-Z]+",outcome="ok"\} [1-9]/m,
      /^prana_nodejs_eventloop_lag_seconds [0-9.e-]+$/m,
      /^prana_open_streams 0$/m,
    ];
    for (const pattern of series) expect(text, String(pattern)).toMatch(pattern);
    expect((await fetch(`http://127.0.0.1:${t.service.metricsPort}/other`)).status).toBe(404);
  });

  it('counts schedule ticks by result, with how late they were taken', async () => {
    const graphId = await a.graphOf(chainWorkflow(1, 'observed-schedule'));
    const s = t.schedules;
    must(
      await call(
        s.createSchedule.bind(s),
        CreateScheduleRequest.fromPartial({ schedule: { scheduleId: 'observed', spec: { intervals: [{ everyMs: '3600000' }] }, action: { graphId } } }),
      ),
    );
    must(await call(s.triggerSchedule.bind(s), TriggerScheduleRequest.fromPartial({ scheduleId: 'observed' })));
    await eventually(async () => /^prana_schedule_ticks_total\{result="started"\} 1$/m.test(await scrape()), 'the tick is counted', 500);
    expect(await scrape()).toMatch(/^prana_schedule_tick_lag_seconds_count 1$/m);
  });

  it('counts open watch streams', async () => {
    const paused = await a.graphOf(pauseThenWebhookWorkflow('observed-watch'));
    const { execution } = must(await a.start({ graphId: paused, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    const stream = a.watch(execution?.id ?? '', 0);
    stream.on('error', () => undefined);
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    expect(await scrape()).toMatch(/^prana_open_streams 1$/m);
    stream.cancel();
  });

  it('writes one access line per call, with method, code, duration and ids, never a payload', () => {
    const start = lines.find((line) => line.msg === 'rpc' && line.method === 'prana.v1.ExecutionService/StartExecution' && line.requestId === 'req-1');
    expect(start).toMatchObject({ level: 30, code: 'OK', executionId: expect.any(String), durationMs: expect.any(Number), peer: expect.any(String) });
    const missing = lines.find((line) => line.msg === 'rpc' && line.method === 'prana.v1.ExecutionService/GetExecution');
    expect(missing).toMatchObject({ code: 'NOT_FOUND', executionId: 'missing' });
    expect(JSON.stringify(lines)).not.toContain('do-not-log');
  });

  it('writes one line per execution state change', () => {
    const executionId = lines.find((line) => line.requestId === 'req-1')?.executionId;
    const changes = lines.filter((line) => line.executionId === executionId && line.msg !== 'rpc').map((line) => line.msg);
    expect(changes).toEqual(['execution started', 'execution completed']);
  });
});
