import type { Execution } from '../../domain/execution.js';
import { transient } from '../app-error.js';

/** A caller waiting until a condition holds for an execution. */
interface Waiter {
  readonly check: (execution: Execution) => Promise<boolean> | boolean;
  readonly resolve: (execution: Execution) => void;
}

/** Reads the current state of an execution. */
type Reader = (id: string) => Promise<Execution>;

/**
 * Callers waiting on executions (StartExecution and Resume waiting until settled or terminal). Each
 * write notifies the waiters of the execution, of its parent and of its root, since whether a parent
 * is settled depends on its sync children.
 */
export class Waiters {
  private readonly byExecution = new Map<string, Set<Waiter>>();

  constructor(
    private readonly read: Reader,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /**
   * Resolves once `check` holds for the execution, checked now and after every write. The waiter is
   * registered before the first check, so a write landing in between is never missed.
   */
  wait(id: string, check: Waiter['check'], signal?: AbortSignal): Promise<Execution> {
    return new Promise<Execution>((resolve, reject) => {
      let set = this.byExecution.get(id);
      if (set === undefined) {
        set = new Set();
        this.byExecution.set(id, set);
      }
      const waiters = set;
      let done = false;
      const remove = (): void => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.byExecution.get(id) === waiters) this.byExecution.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        check,
        resolve: (execution) => {
          if (done) return;
          done = true;
          remove();
          resolve(execution);
        },
      };
      const fail = (error: unknown): void => {
        if (done) return;
        done = true;
        remove();
        reject(error);
      };
      const onAbort = (): void => fail(transient('deadline_exceeded', 'the call ended before the execution got there; it carries on'));
      waiters.add(waiter);
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.read(id).then(async (current) => {
        if (await check(current)) waiter.resolve(current);
      }, fail);
    });
  }

  /** Re-checks the waiters of an execution that was just written, and of its parent and root. */
  notify(execution: Execution): void {
    const ids = [execution.id];
    if (execution.parent !== null) ids.push(execution.parent.parentExecutionId, execution.parent.rootExecutionId);
    for (const id of ids) {
      const set = this.byExecution.get(id);
      if (set === undefined) continue;
      for (const waiter of [...set]) {
        void (async () => {
          const current = id === execution.id ? execution : await this.read(id).catch(() => null);
          if (current !== null && (await waiter.check(current))) waiter.resolve(current);
        })().catch((error: unknown) => this.onError(error, `waiter of ${id}`));
      }
    }
  }
}
