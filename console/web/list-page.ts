import { Execution } from '../../sdk/typescript/src/gen/prana/v1/execution.js';
import { getJson } from './api.js';
import { escapeHtml } from './graph-view.js';
import { statusName } from '../../cli/names.js';

const STATUSES = ['pending', 'running', 'suspended', 'completed', 'failed', 'cancelled'];

/** Executions with the filters of ListExecutions (status, graph, label, time), a page at a time. */
export async function listPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const status = params.get('status') ?? '';
  main.innerHTML = `
    <h1>Executions</h1>
    <form class="filters" data-testid="filters">
      <label>Status <select name="status"><option value="">any</option>${STATUSES.map((s) => `<option${s === status ? ' selected' : ''}>${s}</option>`).join('')}</select></label>
      <label>Graph <input name="graph" size="20" value="${escapeHtml(params.get('graph') ?? '')}" /></label>
      <label>Label (key=value) <input name="label" size="16" value="${escapeHtml(params.get('label') ?? '')}" /></label>
      <label>Created since <input name="since" type="datetime-local" value="${escapeHtml(params.get('since') ?? '')}" /></label>
      <label>Created before <input name="before" type="datetime-local" value="${escapeHtml(params.get('before') ?? '')}" /></label>
      <button class="primary">Filter</button>
    </form>
    <div data-testid="list">loading…</div>`;
  const form = main.querySelector('form') as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') next.set(key, value);
    location.hash = `#/?${next.toString()}`;
  });
  const query = new URLSearchParams();
  for (const key of ['status', 'graph', 'label', 'pageToken']) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, value);
  }
  for (const key of ['since', 'before']) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, new Date(value).toISOString());
  }
  const list = main.querySelector('[data-testid=list]') as HTMLElement;
  try {
    const answer = await getJson<{ executions?: unknown[]; nextPageToken?: string }>(`/executions?${query.toString()}`);
    const page = { executions: (answer.executions ?? []).map((json) => Execution.fromJSON(json)), nextPageToken: answer.nextPageToken ?? '' };
    const rows = page.executions.map(
      (execution) => `<tr data-testid="execution-row" data-id="${escapeHtml(execution.id)}">
        <td><a href="#/executions/${encodeURIComponent(execution.id)}">${escapeHtml(execution.id)}</a></td>
        <td><span class="status status-${statusName(execution.status)}">${statusName(execution.status)}</span></td>
        <td>${escapeHtml(execution.workflowId)}</td>
        <td>${escapeHtml(
          Object.entries(execution.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        )}</td>
        <td>${execution.createdAt?.toLocaleString() ?? ''}</td></tr>`,
    );
    const next = new URLSearchParams(params);
    next.set('pageToken', page.nextPageToken);
    list.innerHTML = `<table><thead><tr><th>Execution</th><th>Status</th><th>Workflow</th><th>Labels</th><th>Created</th></tr></thead>
      <tbody>${rows.join('') || '<tr><td colspan="5">No executions.</td></tr>'}</tbody></table>
      ${page.nextPageToken === '' ? '' : `<p><a data-testid="next-page" href="#/?${escapeHtml(next.toString())}">Next page →</a></p>`}`;
  } catch (error) {
    list.innerHTML = `<p class="error">${escapeHtml((error as Error).message)}</p>`;
  }
}
