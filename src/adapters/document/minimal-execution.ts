import type { Execution } from '../../domain/execution.js';
import { ActivePaths, Frontier, NodeTable } from '../../domain/node-table.js';

/**
 * The execution reduced to what a failure record needs (identity, status, engine error, cancel,
 * times, seq): no audit trail, state, contexts, frontier or preparation. With `dropInput`, the start
 * input and variables go too. Used to record `execution_too_large` for an execution whose full
 * document no longer fits (ExecutionStore.update with `{ minimal: true }`).
 */
export function minimalExecution(execution: Execution, dropInput: boolean): Execution {
  return {
    ...execution,
    ...(dropInput ? { input: null, vars: {} } : {}),
    runs: new NodeTable(execution.runs.slots),
    frontier: new Frontier(execution.frontier.slots),
    activePaths: new ActivePaths(execution.activePaths.slots),
    state: {},
    nodeContexts: new Map(),
    preparation: {},
  };
}
