import { ExecutionEvent } from '../../sdk/typescript/src/gen/prana/v1/events.js';
import { Execution } from '../../sdk/typescript/src/gen/prana/v1/execution.js';
import { ExecutionGraph } from '../../sdk/typescript/src/gen/prana/v1/graph.js';
import { applyEvent, emptyView, ended, type LiveView } from '../../cli/live-view.js';
import { getJson, getExecution, postJson } from './api.js';
import { escapeHtml, graphSvg, paintStates } from './graph-view.js';
import { nodeStatusName, statusName } from '../../cli/names.js';

/** The page's open event stream, closed when another page opens. */
let open: EventSource | null = null;

export function leaveExecutionPage(): void {
  open?.close();
  open = null;
}

/**
 * One execution: its graph drawn with each node coloured by its state, updated live from
 * WatchExecution; a timeline of its events; each node run's params, output and error; its suspension
 * with the resume token, and Resume and Cancel.
 */
export async function executionPage(main: HTMLElement, id: string): Promise<void> {
  main.innerHTML = '<p>loading…</p>';
  let execution: Execution;
  try {
    execution = await getExecution(id);
  } catch (error) {
    main.innerHTML = `<p class="error" data-testid="load-error">${escapeHtml((error as Error).message)}</p>`;
    return;
  }
  const graph = ExecutionGraph.fromJSON((await getJson<{ graph?: unknown }>(`/graphs/${encodeURIComponent(execution.graphId)}`)).graph ?? {});
  const nodes = graph.nodes.map((node) => ({ key: node.key, type: node.type }));
  let view: LiveView = emptyView(id, nodes);
  main.innerHTML = `
    <h1>Execution <span data-testid="execution-id">${escapeHtml(id)}</span>
      <span class="status status-${statusName(execution.status)}" data-testid="status">${statusName(execution.status)}</span></h1>
    <div class="columns">
      <div>
        <div data-testid="graph">${graphSvg(graph, new Map())}</div>
        <div class="panel" data-testid="actions"></div>
        <h2>Node runs</h2><div data-testid="runs"></div>
      </div>
      <div>
        <div class="panel" data-testid="facts"></div>
        <h2>Timeline</h2><ol class="timeline" data-testid="timeline"></ol>
      </div>
    </div>`;
  const statusBadge = main.querySelector('[data-testid=status]') as HTMLElement;
  const timeline = main.querySelector('[data-testid=timeline]') as HTMLElement;
  const graphBox = main.querySelector('[data-testid=graph]') as HTMLElement;
  const showDetails = (current: Execution): void => details(main, current, () => refresh());
  const refresh = async (): Promise<void> => {
    showDetails(await getExecution(id));
  };
  showDetails(execution);

  leaveExecutionPage();
  const stream = new EventSource(`/api/executions/${encodeURIComponent(id)}/events`);
  open = stream;
  stream.onmessage = (message) => {
    const event = ExecutionEvent.fromJSON(JSON.parse(message.data as string));
    view = applyEvent(view, event);
    paintStates(graphBox, new Map(view.nodes.map((line) => [line.key, line.state])));
    statusBadge.textContent = view.status;
    statusBadge.className = `status status-${view.status}`;
    timeline.insertAdjacentHTML('beforeend', timelineItem(event));
    const kind = event.event?.$case ?? '';
    if (kind.startsWith('execution') || kind === 'nodeSuspended') void refresh();
    if (ended(view)) stream.close();
  };
  stream.addEventListener('end', () => stream.close());
}

function timelineItem(event: ExecutionEvent): string {
  const body = event.event;
  const kind = body?.$case ?? 'unknown';
  const value = body?.value as { run?: { nodeKey: string; attempt: number }; nodeKey?: string; port?: string; error?: { code: string } } | undefined;
  const node = value?.run?.nodeKey ?? value?.nodeKey ?? '';
  const extra = [value?.port !== undefined && value.port !== 'main' && value.port !== '' ? `→ ${value.port}` : '', value?.error?.code ?? '']
    .filter((part) => part !== '')
    .join(' ');
  const time = event.time?.toLocaleTimeString() ?? '';
  return `<li data-testid="event" data-kind="${kind}"><span class="seq">${event.seq}</span> ${escapeHtml(time)} <b>${kind}</b> ${escapeHtml(node)} ${escapeHtml(extra)}</li>`;
}

/** The facts, suspension, actions and node runs of the execution as last read. */
function details(main: HTMLElement, execution: Execution, changed: () => Promise<void>): void {
  const facts = main.querySelector('[data-testid=facts]') as HTMLElement;
  const suspension = execution.suspension;
  facts.innerHTML = `
    <div>Graph <a href="#/graphs/${encodeURIComponent(execution.graphId)}">${escapeHtml(execution.graphId.slice(0, 16))}…</a> (workflow ${escapeHtml(execution.workflowId)} v${execution.workflowVersion})</div>
    <div>Created ${execution.createdAt?.toLocaleString() ?? ''}${execution.finishedAt === undefined ? '' : `, finished ${execution.finishedAt.toLocaleString()}`}</div>
    <div>Labels ${escapeHtml(
      Object.entries(execution.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '–',
    )}</div>
    ${execution.output === undefined ? '' : `<div>Output <pre data-testid="output">${escapeHtml(JSON.stringify(execution.output, null, 2))}</pre></div>`}
    ${execution.error === undefined ? '' : `<div class="error">Error <pre>${escapeHtml(JSON.stringify(execution.error, null, 2))}</pre></div>`}
    ${
      suspension === undefined
        ? ''
        : `<div data-testid="suspension">Suspended at <b>${escapeHtml(suspension.nodeKey)}</b> on ${escapeHtml(suspension.kind?.$case ?? '')}
           <div>Resume token <span class="token" data-testid="resume-token">${escapeHtml(suspension.resumeToken)}</span></div></div>`
    }`;
  const actions = main.querySelector('[data-testid=actions]') as HTMLElement;
  const status = statusName(execution.status);
  const open = status !== 'completed' && status !== 'failed' && status !== 'cancelled';
  actions.innerHTML = !open
    ? `<span>Ended ${status}.</span>`
    : `${
        suspension === undefined
          ? ''
          : `<label>Resume data (JSON)<textarea rows="3" data-testid="resume-data">{}</textarea></label>
             <button class="primary" data-testid="resume">Resume ${escapeHtml(suspension.nodeKey)}</button>`
      }
       <button class="danger" data-testid="cancel">Cancel execution</button>
       <span class="error" data-testid="action-error"></span>`;
  const problem = actions.querySelector('[data-testid=action-error]') as HTMLElement | null;
  actions.querySelector('[data-testid=resume]')?.addEventListener('click', () => {
    const text = (actions.querySelector('[data-testid=resume-data]') as HTMLTextAreaElement).value;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      if (problem !== null) problem.textContent = `not JSON: ${(error as Error).message}`;
      return;
    }
    postJson(`/executions/${encodeURIComponent(execution.id)}/resume`, { nodeKey: suspension?.nodeKey, data }).then(changed, (error: Error) => {
      if (problem !== null) problem.textContent = error.message;
    });
  });
  actions.querySelector('[data-testid=cancel]')?.addEventListener('click', () => {
    postJson(`/executions/${encodeURIComponent(execution.id)}/cancel`, { reason: 'cancelled from the console' }).then(changed, (error: Error) => {
      if (problem !== null) problem.textContent = error.message;
    });
  });
  const runs = main.querySelector('[data-testid=runs]') as HTMLElement;
  runs.innerHTML = `<table><thead><tr><th>#</th><th>Node</th><th>Run</th><th>Status</th><th>Took</th><th>Params, output, error</th></tr></thead><tbody>${execution.nodeExecutions
    .map((run) => {
      const took = run.startedAt !== undefined && run.completedAt !== undefined ? `${run.completedAt.getTime() - run.startedAt.getTime()} ms` : '';
      const parts = [
        run.params === undefined ? '' : `<details><summary>params</summary><pre>${escapeHtml(JSON.stringify(run.params, null, 2))}</pre></details>`,
        run.output === undefined
          ? ''
          : `<details><summary>output${run.outputPort === '' || run.outputPort === 'main' ? '' : ` (${escapeHtml(run.outputPort)})`}</summary><pre>${escapeHtml(JSON.stringify(run.output, null, 2))}</pre></details>`,
        run.error === undefined ? '' : `<div class="error">${escapeHtml(`${run.error.code}: ${run.error.message}`)}</div>`,
      ].join('');
      return `<tr data-testid="run"><td>${run.executionIndex}</td><td>${escapeHtml(run.nodeKey)} <small>${escapeHtml(run.nodeType)}</small></td><td>${run.runIndex}${run.attempt > 0 ? ` (attempt ${run.attempt + 1})` : ''}</td><td>${nodeStatusName(run.status)}</td><td>${took}</td><td>${parts}</td></tr>`;
    })
    .join('')}</tbody></table>`;
}
