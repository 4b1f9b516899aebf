import { createLogUpdate } from 'log-update';
import { ended, type LiveView, type NodeLine } from './live-view.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ICONS: Readonly<Record<Exclude<NodeLine['state'], 'running'>, string>> = {
  waiting: '·',
  completed: '✓',
  failed: '✗',
  suspended: '⏸',
  retrying: '↻',
  cancelled: '⊘',
};

/** A node's line: icon, key, type, state with its duration, runs, attempt and detail (frame null: no spinner). */
export function nodeText(line: NodeLine, widths: { key: number; type: number }, now: number, frame: number | null, gap = '  '): string {
  const icon = line.state === 'running' ? (frame === null ? '▸' : (SPINNER[frame % SPINNER.length] as string)) : ICONS[line.state];
  const facts: string[] = [line.state];
  if (line.state === 'running' && line.startedAt !== null) facts.push(duration(now - line.startedAt));
  else if (line.state === 'completed' && line.durationMs !== null) facts.push(duration(line.durationMs));
  if (line.runs > 1) facts.push(`${line.runs} runs`);
  if (line.attempt > 0 && line.state !== 'retrying') facts.push(`attempt ${line.attempt + 1}`);
  if (line.detail !== '') facts.push(line.detail);
  return `${icon} ${line.key.padEnd(widths.key)}${gap}${line.type.padEnd(widths.type)}${gap}${facts.join(', ')}`;
}

/** The final (or current) summary line of an execution. */
export function summaryText(view: LiveView, now: number): string {
  const took = view.startedAt === null ? '' : ` after ${duration((view.endedAt ?? now) - view.startedAt)}`;
  const detail = view.detail === '' ? '' : `: ${view.detail}`;
  return `execution ${view.executionId} ${view.status}${ended(view) ? took : ''}${detail}`;
}

/** Every line of the view. */
export function viewText(view: LiveView, now: number, frame: number): string[] {
  const widths = {
    key: Math.max(4, ...view.nodes.map((line) => line.key.length)),
    type: Math.max(4, ...view.nodes.map((line) => line.type.length)),
  };
  return [...view.nodes.map((line) => nodeText(line, widths, now, frame)), '', summaryText(view, now)];
}

/** Where a live view goes: redrawn in place on a terminal, or one line per change otherwise. */
export interface ViewSink {
  show(view: LiveView): void;
  /** The view will not change any more. */
  close(view: LiveView): void;
}

/** Redraws the whole view in place (with a spinner) on a terminal. */
export function terminalSink(stream: NodeJS.WriteStream): ViewSink {
  const update = createLogUpdate(stream, { showCursor: false });
  let current: LiveView | null = null;
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    if (current !== null) update(viewText(current, Date.now(), frame).join('\n'));
  }, 80);
  return {
    show: (view) => {
      current = view;
      update(viewText(view, Date.now(), frame).join('\n'));
    },
    close: (view) => {
      clearInterval(timer);
      update(viewText(view, Date.now(), frame).join('\n'));
      update.done();
    },
  };
}

/** Prints a line for each node whose state changed, then the summary: for logs and pipes. */
export function plainSink(write: (line: string) => void): ViewSink {
  let shown = new Map<string, string>();
  let status = '';
  return {
    show: (view) => {
      const widths = { key: 0, type: 0 };
      const next = new Map<string, string>();
      for (const line of view.nodes) {
        const text = nodeText({ ...line, startedAt: null }, widths, 0, null, ' ');
        next.set(line.key, text);
        if (line.state !== 'waiting' && shown.get(line.key) !== text) write(text);
      }
      shown = next;
      if (view.status !== status && view.status !== 'pending' && view.status !== 'running') write(summaryText(view, Date.now()));
      status = view.status;
    },
    close: (view) => {
      if (!ended(view) && view.status !== status) write(summaryText(view, Date.now()));
    },
  };
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
