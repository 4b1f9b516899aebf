import sonicBoom, { type SonicBoom } from 'sonic-boom';

// The package is CommonJS: its class is the default export at run time (named imports are types only).
const SonicBoomClass = (sonicBoom as unknown as { SonicBoom: typeof SonicBoom }).SonicBoom;

/** Log lines held in memory at most while stdout does not take them; beyond this, lines are dropped. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Where the service's JSON log lines go: stdout, never blocking the process. */
export interface LogDestination {
  readonly stream: SonicBoom;
  /** Lines dropped because stdout did not take them (a full pipe, a reader that is gone). */
  dropped(): number;
  /** Writes out what is buffered, giving up after `ms`: a stopped reader cannot hold up an exit. */
  drain(ms: number): Promise<void>;
}

/**
 * Stdout written asynchronously with a bounded buffer. A pipe whose reader stopped reading (or
 * exited) used to block the process in a synchronous write retrying EAGAIN forever, so it never saw
 * SIGTERM; now lines wait in memory up to a bound, are dropped beyond it, and a write error (EPIPE)
 * is swallowed: the logs are lost, the service carries on and stops when told.
 */
export function stdoutDestination(): LogDestination {
  let giveUp = false;
  let dropped = 0;
  const stream = new SonicBoomClass({ fd: 1, sync: false, maxLength: MAX_BUFFERED_BYTES, retryEAGAIN: () => !giveUp });
  stream.on('error', () => undefined);
  stream.on('drop', () => {
    dropped++;
  });
  return {
    stream,
    dropped: () => dropped,
    drain: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          giveUp = true;
          resolve();
        }, ms);
        timer.unref();
        try {
          stream.flush(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      }),
  };
}
