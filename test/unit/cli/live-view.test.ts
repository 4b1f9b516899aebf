// The CLI's live view is a fold of the event stream: node states, runs of a loop, retries, a
// suspension, the ending; and its rendering as text.
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyView, ended, type LiveView } from '../../../cli/live-view.js';
import { nodeText, plainSink, terminalSink, viewText } from '../../../cli/terminal-view.js';
import type { ExecutionEvent } from '../../../sdk/typescript/src/gen/prana/v1/events.js';

const T0 = Date.UTC(2026, 11, 5, 12, 0, 0);
let seq = 0;
function event(body: ExecutionEvent['event'], ms = 0): ExecutionEvent {
  seq += 1;
  return { seq: String(seq), time: new Date(T0 + ms), executionId: 'e1', event: body };
}
const run = (nodeKey: string, nodeType: string, runIndex = 0, attempt = 0) => ({ nodeKey, nodeType, runIndex, executionIndex: 0, attempt });
const error = (code: string, message: string) => ({ code, message, details: undefined });

function fold(
  events: readonly ExecutionEvent[],
  view: LiveView = emptyView('e1', [
    { key: 'a', type: 'manual.trigger' },
    { key: 'b', type: 'http.request' },
    { key: 'c', type: 'data.set_data' },
  ]),
): LiveView {
  return events.reduce(applyEvent, view);
}

describe('live view', () => {
  it('follows node states, loop runs, retries, a suspension and the ending', () => {
    seq = 0;
    const view = fold([
      event({ $case: 'executionStarted', value: { graphId: 'g', workflowId: 'w', workflowVersion: 1, mode: 0, parent: undefined, input: null, inputRef: '' } }),
      event({ $case: 'nodeStarting', value: { run: run('a', 'manual.trigger'), loopback: false } }),
      event({ $case: 'nodeCompleted', value: { run: run('a', 'manual.trigger'), port: 'main', output: null, outputRef: '', durationMs: '3', resumed: false } }),
      event({ $case: 'nodeStarting', value: { run: run('b', 'http.request'), loopback: false } }),
      event({
        $case: 'nodeRetryScheduled',
        value: { run: run('b', 'http.request'), nextAttempt: 1, waitTill: new Date(T0 + 1000), error: error('http_error', 'status 503') },
      }),
      event({ $case: 'nodeStarting', value: { run: run('b', 'http.request', 0, 1), loopback: false } }),
      event({
        $case: 'nodeCompleted',
        value: { run: run('b', 'http.request', 0, 1), port: 'error', output: null, outputRef: '', durationMs: '40', resumed: false },
      }),
      event({ $case: 'nodeStarting', value: { run: run('c', 'data.set_data'), loopback: false } }),
      event({ $case: 'nodeCompleted', value: { run: run('c', 'data.set_data'), port: 'main', output: null, outputRef: '', durationMs: '1', resumed: false } }),
      event({ $case: 'nodeStarting', value: { run: run('c', 'data.set_data', 1), loopback: true } }),
      event(
        { $case: 'executionFailed', value: { error: { code: 'loop_limit', message: 'too many iterations', nodeKey: 'c', details: undefined } as never } },
        2500,
      ),
    ]);
    expect(view.nodes.map((line) => [line.key, line.state, line.runs, line.attempt, line.durationMs, line.detail])).toEqual([
      ['a', 'completed', 1, 0, 3, ''],
      ['b', 'completed', 1, 1, 40, '→ error'],
      ['c', 'failed', 2, 0, 1, ''],
    ]);
    expect(view).toMatchObject({ status: 'failed', detail: 'loop_limit: too many iterations', startedAt: T0, endedAt: T0 + 2500 });
    expect(ended(view)).toBe(true);
    expect(viewText(view, T0 + 2500, 0)).toEqual([
      '✓ a     manual.trigger  completed, 3 ms',
      '✓ b     http.request    completed, 40 ms, attempt 2, → error',
      '✗ c     data.set_data   failed, 2 runs',
      '',
      'execution e1 failed after 2.5 s: loop_limit: too many iterations',
    ]);
  });

  it('ignores an event it has seen (a reconnected stream) and shows nodes it did not know', () => {
    seq = 0;
    const started = event({ $case: 'nodeStarting', value: { run: run('z', 'core.log'), loopback: false } });
    const once = fold([started]);
    expect(fold([started], once)).toBe(once);
    expect(once.nodes.at(-1)).toMatchObject({ key: 'z', type: 'core.log', state: 'running', runs: 1 });
  });

  it('marks what was running or waiting cancelled when the execution is', () => {
    seq = 0;
    const view = fold([
      event({ $case: 'nodeStarting', value: { run: run('a', 'manual.trigger'), loopback: false } }),
      event({ $case: 'nodeSuspended', value: { run: run('a', 'manual.trigger'), suspension: { kind: { $case: 'webhook', value: {} } } as never } }),
      event({ $case: 'executionSuspended', value: { nodeKey: 'a', kind: 3, waitTill: undefined, expiresAt: undefined, timeoutAt: undefined } }),
      event({ $case: 'executionCancelled', value: { reason: 'not needed', nodeKey: 'a' } as never }),
    ]);
    expect(view.nodes[0]).toMatchObject({ state: 'cancelled', detail: 'on a webhook (resume it)' });
    expect(view).toMatchObject({ status: 'cancelled', detail: 'not needed' });
  });
});

describe('plain output', () => {
  it('prints a line per node change and per settled status, without a spinner', () => {
    seq = 0;
    const lines: string[] = [];
    const sink = plainSink((line) => lines.push(line));
    let view = emptyView('e1', [{ key: 'a', type: 'manual.trigger' }]);
    sink.show(view);
    for (const next of [
      event({ $case: 'nodeStarting', value: { run: run('a', 'manual.trigger'), loopback: false } }),
      event({ $case: 'nodeCompleted', value: { run: run('a', 'manual.trigger'), port: 'main', output: null, outputRef: '', durationMs: '2', resumed: false } }),
      event({ $case: 'executionCompleted', value: { output: null, outputRef: '' } }),
    ]) {
      view = applyEvent(view, next);
      sink.show(view);
    }
    sink.close(view);
    expect(lines).toEqual(['▸ a manual.trigger running', '✓ a manual.trigger completed, 2 ms', expect.stringMatching(/^execution e1 completed/)]);
    expect(nodeText({ ...view.nodes[0]!, state: 'retrying', detail: 'attempt 2' }, { key: 1, type: 1 }, 0, null)).toBe(
      '↻ a  manual.trigger  retrying, attempt 2',
    );
  });
});

describe('terminal output', () => {
  it('redraws the view in place (erasing the previous frame) and leaves the last frame on close', () => {
    seq = 0;
    let written = '';
    const stream = Object.assign(Object.create(process.stdout) as NodeJS.WriteStream, {
      isTTY: true,
      columns: 120,
      rows: 40,
      write: (chunk: string | Uint8Array) => {
        written += chunk.toString();
        return true;
      },
    });
    const sink = terminalSink(stream);
    let view = emptyView('e1', [{ key: 'a', type: 'manual.trigger' }]);
    sink.show(view);
    view = applyEvent(view, event({ $case: 'nodeStarting', value: { run: run('a', 'manual.trigger'), loopback: false } }));
    sink.show(view);
    view = applyEvent(
      view,
      event({ $case: 'nodeCompleted', value: { run: run('a', 'manual.trigger'), port: 'main', output: null, outputRef: '', durationMs: '2', resumed: false } }),
    );
    view = applyEvent(view, event({ $case: 'executionCompleted', value: { output: null, outputRef: '' } }));
    sink.close(view);
    // The cursor goes up and lines are erased between frames (ESC [ … A, ESC [ 2K).
    const ESC = String.fromCharCode(27);
    expect(written.includes(`${ESC}[2K`) || written.includes(`${ESC}[1A`)).toBe(true);
    const frames = written
      .split(`${ESC}[`)
      .map((part) => part.replace(/^[0-9;?]*[A-Za-z]/, ''))
      .filter((part) => part.trim() !== '');
    expect(frames.join('')).toMatch(/· a +manual\.trigger +waiting/);
    expect(frames.join('')).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] a +manual\.trigger +running/);
    expect(frames.at(-1)).toMatch(/✓ a +manual\.trigger +completed, 2 ms/);
    expect(frames.at(-1)).toContain('execution e1 completed');
  });
});
