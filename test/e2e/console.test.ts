// The web console in headless Chromium, as a person uses it: open the list, open a suspended
// execution, see its graph and timeline, resume it with data and watch it turn completed; cancel
// another. Writes a screenshot of the execution page (test/e2e/screenshots/) for review.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startConsole, type RunningConsole } from '../../console/server.js';
import { ExecutionWait } from '../../src/gen/prana/v1/execution_service.js';
import { isCi } from '../support/ci-mode.js';
import { api, must, type Api } from '../integration/grpc/support/api.js';
import { startTestService, type TestService } from '../integration/grpc/support/test-service.js';
import { lineWorkflow } from '../integration/grpc/support/workflows.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;
const available = existsSync(CHROMIUM);

if (!available && isCi()) throw new Error(`${CHROMIUM} is missing: CI installs Debian's chromium for the console tests`);

describe.skipIf(!available)('web console in Chromium', () => {
  let t: TestService;
  let a: Api;
  let web: RunningConsole;
  let browser: Browser;
  let page: Page;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
    a = api(t);
    web = await startConsole({ target: t.target, host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workflow = lineWorkflow('console-approval', [
      { key: 'prepare', type: 'data.set_data', params: { mapping_map: { order: '{{ $input.main.order }}' } } },
      { key: 'approval', type: 'wait.wait', params: { mode: 'webhook', timeout_hours: 24 } },
      { key: 'done', type: 'data.set_data', params: { mapping_map: { approved: '{{ $input.main.approved }}' } } },
    ]);
    graphId = await a.graphOf(workflow);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await t?.close();
  });

  async function suspended(order: number): Promise<string> {
    const started = must(await a.start({ graphId, input: { order }, labels: { team: 'ui' }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    return started.execution?.id ?? '';
  }

  it('lists executions, shows a suspended one with its graph and timeline, resumes it and sees it complete', async () => {
    const id = await suspended(7);
    await page.goto(`${web.url}/#/`);
    const row = page.locator(`[data-testid=execution-row][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.locator('.status').textContent()).toBe('suspended');

    await row.locator('a').click();
    await page.locator('[data-testid=execution-id]').filter({ hasText: id }).waitFor();
    // The graph is drawn with each node in its state, from the live event stream.
    await page.locator('g[data-node="approval"][data-state="suspended"]').waitFor();
    expect(await page.locator('g[data-node="prepare"]').getAttribute('data-state')).toBe('completed');
    expect(await page.locator('g[data-node="done"]').getAttribute('data-state')).toBe('waiting');
    await page.locator('[data-testid=event][data-kind=executionSuspended]').waitFor();
    expect(await page.locator('[data-testid=event]').count()).toBeGreaterThanOrEqual(7);
    expect(await page.locator('[data-testid=resume-token]').textContent()).not.toBe('');
    await page.screenshot({ path: `${screenshots()}execution-suspended.png`, fullPage: true });

    await page.locator('[data-testid=resume-data]').fill('{"approved": true}');
    await page.locator('[data-testid=resume]').click();
    await page.locator('[data-testid=status]').filter({ hasText: 'completed' }).waitFor();
    await page.locator('g[data-node="done"][data-state="completed"]').waitFor();
    await page.locator('[data-testid=output]').filter({ hasText: '"approved": true' }).waitFor();
    await page.locator('[data-testid=event][data-kind=executionCompleted]').waitFor();
    expect(await page.locator('[data-testid=run]').count()).toBe(4);
    await page.screenshot({ path: `${screenshots()}execution.png`, fullPage: true });
  });

  it('cancels an execution from its page, and filters the list by status', async () => {
    const id = await suspended(8);
    await page.goto(`${web.url}/#/executions/${encodeURIComponent(id)}`);
    await page.locator('g[data-node="approval"][data-state="suspended"]').waitFor();
    await page.locator('[data-testid=cancel]').click();
    await page.locator('[data-testid=status]').filter({ hasText: 'cancelled' }).waitFor();
    await page.locator('g[data-node="approval"][data-state="cancelled"]').waitFor();

    await page.goto(`${web.url}/#/?status=cancelled`);
    await page.locator(`[data-testid=execution-row][data-id="${id}"]`).waitFor();
    expect(await page.locator('[data-testid=execution-row]').count()).toBe(1);
  });

  it('compiles a workflow and shows its diagnostics, or its graph', async () => {
    await page.goto(`${web.url}/#/graphs`);
    await page.locator('[data-testid=workflow]').fill(
      JSON.stringify({
        id: 'bad',
        name: 'bad',
        nodes: [
          { key: 'start', type: 'manual.trigger' },
          { key: 'w', type: 'wait.wait', params: { mode: 'sometimes' } },
        ],
        connections: [{ from_node: 'start', to_node: 'w' }],
      }),
    );
    await page.locator('[data-testid=compile]').click();
    await page.locator('[data-testid=diagnostic]').first().waitFor();
    expect(await page.locator('[data-testid=diagnostic]').first().textContent()).toContain('w');
    await page
      .locator('[data-testid=workflow]')
      .fill(JSON.stringify({ id: 'ok', name: 'ok', nodes: [{ key: 'start', type: 'manual.trigger' }], connections: [] }));
    await page.locator('[data-testid=compile]').click();
    await page.locator('[data-testid=graph] g[data-node="start"]').waitFor();
  });
});

function screenshots(): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return SCREENSHOTS;
}
