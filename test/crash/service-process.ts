// A Prana service as a separate process (`node --import tsx src/main.ts`), which a test can kill with
// SIGKILL and start again, as an operator's process supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A running service process. */
export interface ServiceProcess {
  readonly name: string;
  /** `127.0.0.1:PORT`. */
  readonly address: string;
  readonly pid: number;
  /** The log lines it wrote (JSON), for a failure report. */
  readonly log: string[];
  /** True once the process has exited. */
  exited(): boolean;
  /** Kills it with SIGKILL and waits for it to be gone. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM (a graceful stop) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts a service process with the given environment; resolves once it listens. */
export async function startServiceProcess(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PRANA_GRPC_ADDRESS: '127.0.0.1:0', PRANA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  let buffered = '';
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not listen within 60 s:\n${log.join('\n')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        log.push(line);
        const match = /"address":"([^"]+)".*"msg":"prana listening on/.exec(line);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8').trimEnd()));
    void gone.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it listened:\n${log.join('\n')}`));
    });
  });
  return {
    name,
    address,
    pid: child.pid as number,
    log,
    exited: () => exited,
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await gone;
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await gone;
    },
  };
}
