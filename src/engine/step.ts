import type { EventBody, ExecutionEvent } from '../domain/events.js';
import type { Execution } from '../domain/execution.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import type { Command } from './commands.js';
import type { EngineEnv } from './engine-env.js';

/** The working set of one transition: what it reads and the commands it accumulates. */
export interface Step {
  readonly execution: Execution;
  readonly graph: CompiledGraph;
  readonly env: EngineEnv;
  /** The transition's time, epoch ms. */
  readonly now: number;
  /** Events produced, in seq order. */
  readonly events: ExecutionEvent[];
  readonly commands: Command[];
}

/** Takes the next event seq of the execution. */
export function nextSeq(step: Step): number {
  step.execution.seq += 1;
  return step.execution.seq;
}

/** Appends a fully built event (hot paths build their events as one literal). */
export function pushEvent(step: Step, event: ExecutionEvent): void {
  step.events.push(event);
}

/** Appends an event with the next seq. */
export function emit(step: Step, body: EventBody): void {
  const execution = step.execution;
  execution.seq += 1;
  const event = { seq: execution.seq, time: step.now, executionId: execution.id, ...body } as ExecutionEvent;
  step.events.push(event);
}
