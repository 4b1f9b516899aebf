import { Diagnostic, DiagnosticSeverity } from '../../sdk/typescript/src/gen/prana/v1/diagnostics.js';
import { ExecutionGraph } from '../../sdk/typescript/src/gen/prana/v1/graph.js';
import { getJson, postJson } from './api.js';
import { escapeHtml, graphSvg } from './graph-view.js';

/** A compiled graph drawn, by id. */
export async function graphPage(main: HTMLElement, graphId: string): Promise<void> {
  main.innerHTML = '<p>loading…</p>';
  try {
    const graph = await graphOf(graphId);
    main.innerHTML = `<h1>Graph ${escapeHtml(graph.workflowName)} <small>${escapeHtml(graphId)}</small></h1><div data-testid="graph">${graphSvg(graph, new Map())}</div>`;
  } catch (error) {
    main.innerHTML = `<p class="error">${escapeHtml((error as Error).message)}</p>`;
  }
}

/** Compile a workflow (JSON): its diagnostics, and the graph drawn when it compiles. */
export function compilePage(main: HTMLElement): void {
  main.innerHTML = `<h1>Compile a workflow</h1>
    <p>Paste a workflow (the JSON of <code>prana.v1.Workflow</code>); the service compiles it and registers the graph.</p>
    <textarea rows="14" data-testid="workflow">{"id": "hello", "name": "hello", "nodes": [{"key": "start", "type": "manual.trigger"}], "connections": []}</textarea>
    <p><button class="primary" data-testid="compile">Compile</button></p>
    <div data-testid="diagnostics"></div><div data-testid="graph"></div>`;
  const diagnostics = main.querySelector('[data-testid=diagnostics]') as HTMLElement;
  const drawn = main.querySelector('[data-testid=graph]') as HTMLElement;
  main.querySelector('[data-testid=compile]')?.addEventListener('click', () => {
    let workflow: unknown;
    try {
      workflow = JSON.parse((main.querySelector('[data-testid=workflow]') as HTMLTextAreaElement).value);
    } catch (error) {
      diagnostics.innerHTML = `<p class="error">not JSON: ${escapeHtml((error as Error).message)}</p>`;
      return;
    }
    postJson('/compile', { workflow }).then(
      async (answer) => {
        const raw = answer as { graphId?: string; diagnostics?: unknown[] };
        const compiled = { graphId: raw.graphId ?? '', diagnostics: (raw.diagnostics ?? []).map((d) => Diagnostic.fromJSON(d)) };
        diagnostics.innerHTML =
          compiled.diagnostics.length === 0
            ? '<p>No diagnostics.</p>'
            : `<table><thead><tr><th>Severity</th><th>Code</th><th>Node</th><th>Param</th><th>Message</th></tr></thead><tbody>${compiled.diagnostics
                .map(
                  (d) =>
                    `<tr data-testid="diagnostic"><td>${d.severity === DiagnosticSeverity.DIAGNOSTIC_SEVERITY_ERROR ? 'error' : 'warning'}</td><td>${escapeHtml(d.code)}</td><td>${escapeHtml(d.nodeKey)}</td><td>${escapeHtml(d.paramPath)}</td><td>${escapeHtml(d.message)}</td></tr>`,
                )
                .join('')}</tbody></table>`;
        if (compiled.graphId === '') {
          drawn.innerHTML = '';
          return;
        }
        const graph = await graphOf(compiled.graphId);
        drawn.innerHTML = `<p>Graph <a href="#/graphs/${compiled.graphId}">${compiled.graphId}</a></p>${graphSvg(graph, new Map())}`;
      },
      (error: Error) => {
        diagnostics.innerHTML = `<p class="error">${escapeHtml(error.message)}</p>`;
      },
    );
  });
}

async function graphOf(graphId: string): Promise<ExecutionGraph> {
  return ExecutionGraph.fromJSON((await getJson<{ graph?: unknown }>(`/graphs/${encodeURIComponent(graphId)}`)).graph ?? {});
}
