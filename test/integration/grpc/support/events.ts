// Reading prana.v1.ExecutionEvent messages in tests.
import type { ExecutionEvent } from '../../../../src/gen/prana/v1/events.js';

/** The oneof case of an event, e.g. `executionStarted`. */
export type EventKind = NonNullable<ExecutionEvent['event']>['$case'];

/** The case of an event. */
export function kindOf(event: ExecutionEvent | undefined): EventKind | undefined {
  return event?.event?.$case;
}

/** `kind` plus the node key for node events, e.g. `nodeCompleted:wait`: a compact history. */
export function describeEvent(event: ExecutionEvent | undefined): string {
  const body = event?.event;
  if (body === undefined) return 'none';
  const value = body.value as { run?: { nodeKey: string }; nodeKey?: string };
  const node = value.run?.nodeKey ?? value.nodeKey;
  return node === undefined || node === '' ? body.$case : `${body.$case}:${node}`;
}

/** The seq numbers of the events, as numbers. */
export function seqsOf(events: readonly (ExecutionEvent | undefined)[]): number[] {
  return events.map((event) => Number(event?.seq));
}

/** The numbers from `first` to `last`, inclusive. */
export function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
