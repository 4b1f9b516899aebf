import { AppError } from '../../src/app/app-error.js';
import { isTerminal } from '../../src/domain/execution.js';
import type { Prng } from './prng.js';
import type { Replica } from './replica.js';
import type { Scheduler } from './scheduler.js';
import { SIM_NAMESPACES, type Script } from './workload.js';
import { idPrefix, namespaceOfId } from '../../src/domain/namespace.js';

/** How long a client waits for an answer before it gives up on the call and retries elsewhere. */
const CALL_DEADLINE_MS = 10_000;
const CLIENT = 'clients';
/** `SIM_TRACE_CLIENT=<script id>`: print every call of that script's client. */
const TRACE = process.env.SIM_TRACE_CLIENT;

/** What a simulation's clients saw. */
export interface ClientRecord {
  /** Script id → the execution id its acknowledged start answered with. */
  readonly acknowledged: Map<string, string>;
  /** Script id → true once the client saw its execution end. */
  readonly finished: Map<string, boolean>;
  /** Calls answered with an error a caller would not expect (a bug, not a fault). */
  readonly unexpected: string[];
  calls: number;
  retries: number;
}

/** Errors a well-behaved client retries: the service was unavailable, lost a race, or did not answer. */
function retryable(error: unknown): boolean {
  if (error instanceof AppError) return ['unavailable', 'aborted', 'deadline_exceeded', 'cancelled'].includes(error.code);
  return error instanceof Error && (error.name === 'StoreUnavailable' || error.name === 'Timeout');
}

class Timeout extends Error {
  constructor() {
    super('the call did not answer in time');
    this.name = 'Timeout';
  }
}

/**
 * Callers of the service: each script's client starts its execution (sometimes twice at once on
 * different replicas, with one request id), then watches it with GetExecution on any replica and does
 * what its kind needs (resume a webhook wait, cancel) until it ends. A worker polls and finishes
 * external tasks. Every call goes to a random live replica and is retried until it is answered.
 */
export class Clients {
  readonly record: ClientRecord = { acknowledged: new Map(), finished: new Map(), unexpected: [], calls: 0, retries: 0 };
  stopped = false;

  constructor(
    private readonly prng: Prng,
    private readonly scheduler: Scheduler,
    private readonly replicas: () => readonly Replica[],
    private readonly graphOf: (script: Script) => string,
  ) {}

  /** Runs one script to its end. */
  async run(script: Script): Promise<void> {
    await this.scheduler.sleep(CLIENT, script.startAt);
    const starts = Array.from({ length: script.duplicateStarts }, () => this.start(script));
    const ids = await Promise.all(starts);
    const id = ids[0] as string;
    if (ids.some((other) => other !== id)) this.record.unexpected.push(`${script.id}: duplicate starts answered with different executions ${ids.join(', ')}`);
    if (namespaceOfId(id) !== script.namespace) this.record.unexpected.push(`${script.id}: started in ${script.namespace} as ${id}`);
    this.record.acknowledged.set(script.id, id);
    let cancelled = false;
    // A suspension whose Resume was answered (applied, or refused as already ended) is not resumed
    // again, as a caller would not: a wrong refusal then leaves the execution waiting, and shows.
    const answered = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      await this.scheduler.sleep(CLIENT, this.prng.int(200, 2000));
      const view = await this.call(script.id, (app) => app.in(script.namespace).getExecution(id));
      if (view === undefined) continue;
      const execution = view.execution;
      if (isTerminal(execution.status)) {
        this.record.finished.set(script.id, true);
        return;
      }
      if (script.kind === 'cancel' && !cancelled) {
        cancelled = await this.cancel(script, id);
        continue;
      }
      const suspension = view.suspension;
      const at = `${suspension?.nodeKey}:${suspension?.runIndex}`;
      if (execution.status === 'suspended' && suspension?.kind === 'webhook' && script.kind !== 'cancel' && !answered.has(at)) {
        if (await this.resume(script, id, suspension.nodeKey, suspension.runIndex)) answered.add(at);
      }
    }
  }

  /** Polls and finishes external tasks of every namespace until stopped: odd `n` fails, even completes with n + 100. */
  async worker(): Promise<void> {
    for (let round = 0; !this.stopped; round++) {
      await this.scheduler.sleep(CLIENT, 500);
      const namespace = SIM_NAMESPACES[round % SIM_NAMESPACES.length] as string;
      const tasks = await this.call('worker', (app) =>
        app.in(namespace).pollTasks({ workerId: 'worker', taskTypes: ['sim'], maxTasks: 5, leaseMs: 60_000, waitMs: 0 }),
      );
      for (const task of tasks ?? []) {
        if (!task.executionId.startsWith(idPrefix(namespace)) || namespaceOfId(task.executionId) !== namespace) {
          this.record.unexpected.push(`worker of ${namespace} was handed task ${task.taskId} of execution ${task.executionId}`);
        }
        const input = task.input as { n?: number } | null;
        const n = typeof input?.n === 'number' ? input.n : 0;
        // A worker keeps trying until its call is answered (or the task is closed), as a worker would.
        let refused = false;
        for (let attempt = 0; !this.stopped; attempt++) {
          const done = await this.call(
            'worker',
            async (app) => {
              if (n % 2 === 1) await app.in(namespace).failTask(task.taskId, 'worker', { code: 'odd', message: `n=${n} is odd`, details: {} });
              else await app.in(namespace).completeTask(task.taskId, 'worker', { n: n + 100 }, '');
              return true;
            },
            ['task_closed', 'lease_not_held', 'not_found'],
            () => {
              refused = true;
            },
          );
          if (done !== undefined || refused) break;
          await this.scheduler.sleep(CLIENT, Math.min(5000, 300 * (attempt + 1)));
        }
      }
    }
  }

  private async start(script: Script): Promise<string> {
    for (;;) {
      const view = await this.call(script.id, (app) =>
        app.in(script.namespace).startExecution({
          graphId: this.graphOf(script),
          input: script.input,
          labels: script.generatedId ? { script: script.id, generated: 'yes' } : { script: script.id },
          ...(script.generatedId ? {} : { requestId: `start-${script.id}` }),
          wait: script.waitSettled ? 'settled' : 'none',
        }),
      );
      if (view !== undefined) return view.view.execution.id;
      await this.scheduler.sleep(CLIENT, this.prng.int(100, 1000));
    }
  }

  /** Resumes a webhook wait; true once the call was answered (resumed, or refused as ended). */
  private async resume(script: Script, id: string, nodeKey: string, runIndex: number): Promise<boolean> {
    let refused = false;
    const resumed = await this.call(
      script.id,
      (app) =>
        app.in(script.namespace).resume({
          target: { kind: 'node', executionId: id, nodeKey },
          data: { approved: true, node: nodeKey },
          requestId: `resume-${script.id}-${nodeKey}-${runIndex}`,
          wait: 'none',
        }),
      ['not_suspended', 'wrong_node', 'stale_token'],
      () => {
        refused = true;
      },
    );
    return resumed !== undefined || refused;
  }

  private async cancel(script: Script, id: string): Promise<boolean> {
    const view = await this.call(script.id, (app) => app.in(script.namespace).cancelExecution(id, 'simulated cancel'), ['already_terminal']);
    return view !== undefined;
  }

  /**
   * One call to a random live replica, bounded by the client's deadline. Returns undefined when it
   * must be tried again (a retryable error or no answer) or was refused for one of `expected`.
   */
  private async call<T>(
    who: string,
    work: (app: Replica['app']) => Promise<T>,
    expected: readonly string[] = [],
    onRefused?: () => void,
  ): Promise<T | undefined> {
    const live = this.replicas().filter((r) => !r.dead);
    if (live.length === 0) return undefined;
    const replica = this.prng.pick(live);
    this.record.calls++;
    const traced = TRACE !== undefined && who === TRACE;
    try {
      const value = await new Promise<T>((resolve, reject) => {
        const timer = this.scheduler.timers(CLIENT).setTimeout(() => reject(new Timeout()), CALL_DEADLINE_MS);
        work(replica.app).then(
          (value) => {
            timer.cancel();
            resolve(value);
          },
          (error: unknown) => {
            timer.cancel();
            reject(error);
          },
        );
      });
      if (traced)
        process.stdout.write(
          `${this.scheduler.now() % 10_000_000} client ${who} on ${replica.name}: ${work.toString().slice(0, 60).replace(/\s+/g, ' ')} → ok\n`,
        );
      return value;
    } catch (error) {
      if (traced)
        process.stdout.write(
          `${this.scheduler.now() % 10_000_000} client ${who} on ${replica.name}: ${work.toString().slice(0, 60).replace(/\s+/g, ' ')} → ${String(error)}\n`,
        );
      if (retryable(error)) {
        this.record.retries++;
        return undefined;
      }
      if (error instanceof AppError && expected.includes(error.reason)) {
        onRefused?.();
        return undefined;
      }
      this.record.unexpected.push(`${who} on ${replica.name}: ${error instanceof AppError ? `${error.code}/${error.reason} ${error.message}` : String(error)}`);
      return undefined;
    }
  }
}
