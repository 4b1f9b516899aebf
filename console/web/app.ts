// The console's page: a hash router over its three views.
import { executionPage, leaveExecutionPage } from './execution-page.js';
import { compilePage, graphPage } from './graph-page.js';
import { listPage } from './list-page.js';

function route(): void {
  const main = document.getElementById('main') as HTMLElement;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  leaveExecutionPage();
  const execution = /^\/executions\/(.+)$/.exec(path);
  const graph = /^\/graphs\/(.+)$/.exec(path);
  if (execution !== null) void executionPage(main, decodeURIComponent(execution[1] as string));
  else if (graph !== null) void graphPage(main, decodeURIComponent(graph[1] as string));
  else if (path === '/graphs') compilePage(main);
  else void listPage(main, new URLSearchParams(query));
}

window.addEventListener('hashchange', route);
route();
