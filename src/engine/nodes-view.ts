import type { Execution } from '../domain/execution.js';
import type { JsonObject } from '../domain/json.js';

const EMPTY: JsonObject = Object.freeze({});
const views = new WeakMap<Execution, Record<string, JsonObject>>();

/**
 * `$nodes`: for every node with a retained completed run, its latest
 * completed output and its context. Built once per execution object and kept current by
 * `refreshNodeView` as runs change, so no attempt pays for rebuilding it.
 */
export function nodesView(execution: Execution): JsonObject {
  let view = views.get(execution);
  if (view === undefined) {
    view = Object.create(null) as Record<string, JsonObject>;
    for (const key of execution.runs.keys()) setEntry(execution, view, key);
    views.set(execution, view);
  }
  return view;
}

/** Updates the `$nodes` entry of one node after its retained runs or context changed. */
export function refreshNodeView(execution: Execution, key: string): void {
  const view = views.get(execution);
  if (view !== undefined) setEntry(execution, view, key);
}

function setEntry(execution: Execution, view: Record<string, JsonObject>, key: string): void {
  const runs = execution.runs.get(key);
  let output: JsonObject[string] | undefined;
  if (runs !== undefined) {
    for (const run of runs) {
      if (run.status === 'completed') {
        output = run.output;
        break;
      }
    }
  }
  if (output === undefined) {
    delete view[key];
    return;
  }
  view[key] = Object.freeze({ output, context: execution.nodeContexts.get(key) ?? EMPTY });
}
