import { canonicalJson } from '../../src/domain/canonical-json.js';
import type { Json } from '../../src/domain/json.js';
import { isTerminal, type Execution } from '../../src/domain/execution.js';
import { currentSuspension, executionError, finalOutput } from '../../src/engine/index.js';
import type { MemoryStores } from '../../src/adapters/memory/memory-stores.js';
import type { ClientRecord } from './client.js';
import type { Disruption } from './faults.js';
import type { LedgerEntry } from './sim-node.js';
import { SIM_NAMESPACES } from './workload.js';
import { namespaceOfId } from '../../src/domain/namespace.js';

/** How an acknowledged execution ended: what a fault-free run must agree with. */
export interface Ending {
  readonly status: string;
  readonly output: string;
  /** The execution error, for reports (not compared). */
  readonly error: string;
}

const TERMINAL_EVENT: Readonly<Record<string, string>> = { completed: 'execution_completed', failed: 'execution_failed', cancelled: 'execution_cancelled' };

/** Every execution in the stores, of every namespace the clients use. */
export async function allExecutions(stores: MemoryStores): Promise<Execution[]> {
  const all: Execution[] = [];
  for (const namespace of SIM_NAMESPACES) {
    for (const row of await stores.executions.list({ namespace, limit: 100_000 })) all.push(row.execution);
  }
  return all;
}

/** The ending of each acknowledged script's execution. */
export async function endings(stores: MemoryStores, record: ClientRecord): Promise<Map<string, Ending>> {
  const out = new Map<string, Ending>();
  for (const [script, id] of record.acknowledged) {
    const stored = await stores.executions.get(id);
    if (stored === null) continue;
    const error = executionError(stored.execution);
    out.set(script, {
      status: stored.execution.status,
      output: canonicalJson((finalOutput(stored.execution) ?? null) as Json),
      error: error === undefined ? '' : ` (${JSON.stringify(error).slice(0, 300)})`,
    });
  }
  return out;
}

/** Describes an execution that did not end, for the report. */
function describeStuck(execution: Execution, lease: string): string {
  const suspension = currentSuspension(execution);
  const on = suspension === undefined ? '' : ` on ${suspension.kind} at ${suspension.nodeKey}`;
  return `${execution.id} stayed ${execution.status}${on} (seq ${execution.seq}, lease ${lease})`;
}

/**
 * The invariants of a simulated run, checked once it is over. Returns the violations (empty when
 * the run holds them all) and how many individual checks were made.
 */
export async function checkInvariants(input: {
  readonly stores: MemoryStores;
  readonly record: ClientRecord;
  readonly reference: ReadonlyMap<string, Ending>;
  readonly ledger: readonly LedgerEntry[];
  readonly disruptions: readonly Disruption[];
}): Promise<{ violations: string[]; checks: number }> {
  const violations: string[] = [];
  let checks = 0;
  const { stores, record } = input;

  // Every client call was answered as a caller expects (faults aside).
  for (const problem of record.unexpected) violations.push(`unexpected answer: ${problem}`);
  checks += record.calls;

  // Nothing is left running, pending or suspended.
  const executions = await allExecutions(stores);
  for (const execution of executions) {
    checks++;
    if (!isTerminal(execution.status)) {
      const stored = await stores.executions.get(execution.id);
      const lease = stored?.lease === null || stored?.lease === undefined ? 'none' : `${stored.lease.owner}@${stored.lease.epoch} until ${stored.lease.until}`;
      violations.push(`stuck: ${describeStuck(execution, lease)}`);
    }
  }

  // Event logs: the committed history (events up to the execution's seq) is seq 1..n without gap or
  // duplicate, ending with the terminal event. Events beyond the seq are tentative leftovers of a writer
  // that stopped before committing them; no reader hands them out.
  for (const execution of executions) {
    const events = (await stores.events.read(execution.id, 0, 1_000_000)).filter((e) => e.seq <= execution.seq);
    checks++;
    const seqs = events.map((e) => e.seq);
    const contiguous = seqs.every((seq, i) => seq === i + 1);
    if (!contiguous || seqs.length !== execution.seq) {
      const trail = events.map((e) => `${e.seq}:${e.type}${'nodeKey' in e && e.nodeKey !== null ? `@${String(e.nodeKey)}` : ''}`).join(' ');
      violations.push(`event log of ${execution.id} (${execution.status}): seqs ${compact(seqs)} but the execution is at seq ${execution.seq} — ${trail}`);
      continue;
    }
    const terminal = TERMINAL_EVENT[execution.status];
    if (terminal !== undefined && events.at(-1)?.type !== terminal)
      violations.push(`event log of ${execution.id} ends with ${events.at(-1)?.type ?? 'nothing'}, not ${terminal}`);
  }

  // A child belongs to its parent's namespace.
  for (const execution of executions) {
    if (execution.parent === null) continue;
    checks++;
    if (namespaceOfId(execution.id) !== namespaceOfId(execution.parent.parentExecutionId)) {
      violations.push(`child ${execution.id} is outside the namespace of its parent ${execution.parent.parentExecutionId}`);
    }
  }

  // At most one execution per request id (scripts label their executions). A start without one that
  // went unanswered and was retried may have left an execution of its own (which must still end).
  const perScript = new Map<string, number>();
  for (const execution of executions) {
    const script = execution.labels.generated === 'yes' ? undefined : execution.labels.script;
    if (script !== undefined) perScript.set(script, (perScript.get(script) ?? 0) + 1);
  }
  for (const [script, count] of perScript) {
    checks++;
    if (count > 1) violations.push(`${count} executions for the request id of ${script}`);
  }

  // Every acknowledged execution ends as in the fault-free run.
  const seen = await endings(stores, record);
  for (const [script, expected] of input.reference) {
    if (!record.acknowledged.has(script)) continue;
    checks++;
    const actual = seen.get(script);
    if (actual === undefined) violations.push(`${script}: acknowledged execution ${record.acknowledged.get(script)} is missing`);
    else if (actual.status !== expected.status || actual.output !== expected.output) {
      violations.push(`${script}: ended ${actual.status} ${actual.output}${actual.error}, the fault-free run ended ${expected.status} ${expected.output}`);
    }
  }

  // A node attempt runs again only when the replica running it was disrupted while it was in flight,
  // and every run of it had the same idempotency key.
  const byAttempt = new Map<string, LedgerEntry[]>();
  for (const entry of input.ledger) {
    const key = `${entry.executionId}:${entry.nodeKey}:${entry.runIndex}#${entry.attempt}`;
    let list = byAttempt.get(key);
    if (list === undefined) byAttempt.set(key, (list = []));
    list.push(entry);
  }
  for (const [key, runs] of byAttempt) {
    checks++;
    for (let i = 1; i < runs.length; i++) {
      const before = runs[i - 1] as LedgerEntry;
      const again = runs[i] as LedgerEntry;
      if (again.runKey !== before.runKey) violations.push(`${key}: ran again with idempotency key ${again.runKey}, first ${before.runKey}`);
      const excused = input.disruptions.some((d) => (d.replica === '*' || d.replica === before.replica) && d.at >= before.at && d.at <= again.at);
      if (!excused)
        violations.push(`${key}: ran again on ${again.replica} at ${again.at} after ${before.replica} at ${before.at} with no crash or fault in between`);
    }
  }
  return { violations, checks };
}

function compact(seqs: readonly number[]): string {
  if (seqs.length <= 12) return `[${seqs.join(',')}]`;
  return `[${seqs.slice(0, 5).join(',')} … ${seqs.slice(-5).join(',')}] (${seqs.length})`;
}
