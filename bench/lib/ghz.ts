// ghz, the gRPC load generator, as the benchmark's external client: built from the Go module proxy into
// .cache/ on first use, run as its own process against the descriptor set in proto/prana.binpb.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GHZ_VERSION = 'v0.120.0';
/** The repository root: npm runs the benchmark from it. */
const ROOT = process.cwd();
const GOBIN = join(ROOT, '.cache', `gobin-ghz-${GHZ_VERSION}`);

/** The path of the ghz binary, built once (`go install`) when missing. */
export async function ghzBinary(): Promise<string> {
  const binary = join(GOBIN, 'ghz');
  if (!existsSync(binary)) {
    process.stderr.write(`  building ghz ${GHZ_VERSION} with go install (once)\n`);
    await run('go', ['install', `github.com/bojand/ghz/cmd/ghz@${GHZ_VERSION}`], { env: { ...process.env, GOBIN }, maxBuffer: 1 << 24 });
  }
  return binary;
}

/** One ghz run: calls per second, latency percentiles, errors, and how much CPU ghz itself used. */
export interface GhzRun {
  readonly rps: number;
  readonly count: number;
  readonly errors: number;
  /** The messages of the errors counted, with how many of each. */
  readonly errorMessages: readonly string[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** ghz's own CPU time (user + system) over the run's wall time, in cores. */
  readonly clientCores: number;
}

/** What to call. */
export interface GhzLoad {
  readonly target: string;
  /** Fully qualified method, e.g. `prana.v1.ExecutionService.StartExecution`. */
  readonly call: string;
  readonly data: object;
  readonly concurrency: number;
  readonly connections: number;
  readonly durationMs: number;
}

interface GhzReport {
  readonly count: number;
  readonly rps: number;
  readonly total: number;
  readonly latencyDistribution: readonly { readonly percentage: number; readonly latency: number }[] | null;
  readonly statusCodeDistribution?: Readonly<Record<string, number>>;
  readonly errorDistribution?: Readonly<Record<string, number>>;
}

/** Calls ghz itself cut off when its duration ended (it closes its connections under them). */
const CUT_AT_END = ['use of closed network connection', 'the client connection is closing'];

/** Runs ghz once under /usr/bin/time (for its own CPU use) and parses its JSON report. */
export async function ghz(binary: string, load: GhzLoad): Promise<GhzRun> {
  const args = [
    '-f',
    '%U %S %e',
    binary,
    '--insecure',
    '--protoset',
    join(ROOT, 'proto', 'prana.binpb'),
    '--call',
    load.call,
    '--data',
    JSON.stringify(load.data),
    '--concurrency',
    String(load.concurrency),
    '--connections',
    String(load.connections),
    '--duration',
    `${load.durationMs}ms`,
    '--format',
    'json',
    load.target,
  ];
  const { stdout, stderr } = await run('/usr/bin/time', args, { maxBuffer: 1 << 26 });
  const report = JSON.parse(stdout) as GhzReport;
  const times = stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  const [user = 0, system = 0, wall = 1] = times;
  const latency = (p: number): number => (report.latencyDistribution?.find((d) => d.percentage === p)?.latency ?? 0) / 1e6;
  const ok = report.statusCodeDistribution?.OK ?? 0;
  const cut = Object.entries(report.errorDistribution ?? {}).reduce(
    (sum, [message, n]) => sum + (CUT_AT_END.some((text) => message.includes(text)) ? n : 0),
    0,
  );
  // Answered calls per second of the run (ghz's own rps counts the calls it cut off too).
  const rps = ok / (report.total / 1e9);
  const errorMessages = Object.entries(report.errorDistribution ?? {})
    .filter(([message]) => !CUT_AT_END.some((text) => message.includes(text)))
    .map(([message, n]) => `${n}× ${message}`);
  return {
    rps,
    count: report.count,
    errors: report.count - ok - cut,
    errorMessages,
    p50Ms: latency(50),
    p99Ms: latency(99),
    clientCores: (user + system) / wall,
  };
}
