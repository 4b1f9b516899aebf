#!/usr/bin/env node
// `prana`: a command line for the workflow service, a client of its public gRPC API through the
// TypeScript SDK. `prana --help` lists the commands; docs/cli.md describes them and their exit codes.
import { Command, Option } from 'commander';
import { changeSchedule, createSchedule, getSchedule, listSchedules } from './commands/schedules.js';
import { cancel, get, list, resume, run, watch } from './commands/executions.js';
import { compileFile, nodeTypes } from './commands/graphs.js';
import { collect, contextOf, jsonOption, pairsOption, type CommandContext, type GlobalOptions } from './context.js';
import { EXIT, explain, failureJson } from './failure.js';

const program = new Command('prana')
  .description('Compile, run, follow and manage workflow executions and schedules of a Prana service.')
  .addOption(new Option('--address <host:port>', 'the service').env('PRANA_ADDRESS').default('127.0.0.1:50051'))
  .addOption(new Option('--token <token>', 'bearer token (API key or JWT)').env('PRANA_TOKEN'))
  .addOption(new Option('--namespace <name>', 'namespace to work in').env('PRANA_NAMESPACE'))
  .addOption(new Option('--ca <file>', 'connect over TLS, trusting this CA (PEM)').env('PRANA_CA'))
  .addOption(new Option('--timeout <ms>', 'deadline of each call').default('30000'))
  .option('--json', 'print JSON (protobuf JSON of the responses) for scripts')
  .showHelpAfterError()
  .exitOverride();

/** Runs a command with its context; failures print their reason and set the exit code. */
function action<Args extends unknown[]>(body: (ctx: CommandContext, ...args: Args) => Promise<void>): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    const options = program.opts<GlobalOptions>();
    let ctx: CommandContext | undefined;
    try {
      ctx = contextOf(options);
      await body(ctx, ...args);
    } catch (error) {
      const { code, lines } = explain(error);
      if (options.json === true && lines.length > 0) process.stdout.write(`${JSON.stringify(failureJson(error))}\n`);
      else for (const line of lines) process.stderr.write(`${line}\n`);
      process.exitCode = code;
    } finally {
      ctx?.client.close();
    }
  };
}

program
  .command('compile')
  .description('compile a workflow file (JSON or YAML): prints its diagnostics, then its graph id')
  .argument('<file>')
  .action(action((ctx, file: string) => compileFile(ctx, file).then(() => undefined)));

program
  .command('run')
  .description('start an execution of a workflow file or graph id, and follow it live until it ends or waits for a Resume or a worker')
  .argument('<file-or-graph-id>')
  .option('--input <json>', 'the start input')
  .option('--label <key=value>', 'a label (repeatable)', collect)
  .option('--request-id <id>', 'idempotency key of the start')
  .option('--no-follow', 'print the execution id and return at once')
  .action(
    action((ctx, target: string, options: { input?: string; label?: string[]; requestId?: string; follow: boolean }) =>
      run(ctx, target, {
        input: jsonOption('--input', options.input),
        labels: pairsOption('--label', options.label),
        follow: options.follow,
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
      }),
    ),
  );

program
  .command('watch')
  .description('follow an execution live until it ends')
  .argument('<execution-id>')
  .action(action((ctx, id: string) => watch(ctx, id)));

program
  .command('get')
  .description('an execution: status, node runs, output, error or suspension')
  .argument('<execution-id>')
  .action(action((ctx, id: string) => get(ctx, id)));

program
  .command('list')
  .description('executions, newest first, with the filters of ListExecutions')
  .option('--status <status>', 'pending, running, suspended, completed, failed or cancelled (repeatable)', collect)
  .option('--graph <graph-id>', 'only executions of this graph')
  .option('--label <key=value>', 'only executions with this label (repeatable)', collect)
  .option('--since <time>', 'created at or after this time (ISO 8601)')
  .option('--before <time>', 'created before this time (ISO 8601)')
  .option('--limit <n>', 'page size', '50')
  .option('--page-token <token>', 'the next page of an earlier listing')
  .action(
    action((ctx, options: { status?: string[]; graph?: string; label?: string[]; since?: string; before?: string; limit: string; pageToken?: string }) =>
      list(ctx, { ...options, status: options.status ?? [], labels: pairsOption('--label', options.label) }),
    ),
  );

program
  .command('resume')
  .description("resume an execution's suspended node with data")
  .argument('<execution-id>')
  .option('--data <json>', 'the resume data (the node output)')
  .option('--node <key>', 'the node expected to be suspended (default: the one that is)')
  .option('--token <resume-token>', 'resume by token instead')
  .option('--request-id <id>', 'idempotency key of the resume')
  .option('--wait', 'answer once the execution is settled again')
  .action(
    action((ctx, id: string, options: { data?: string; node?: string; token?: string; requestId?: string; wait?: boolean }) =>
      resume(ctx, id, {
        data: jsonOption('--data', options.data),
        wait: options.wait === true,
        ...(options.node === undefined ? {} : { node: options.node }),
        ...(options.token === undefined ? {} : { token: options.token }),
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
      }),
    ),
  );

program
  .command('cancel')
  .description('cancel an execution')
  .argument('<execution-id>')
  .option('--reason <text>', 'why', '')
  .action(action((ctx, id: string, options: { reason: string }) => cancel(ctx, id, options.reason)));

program
  .command('node-types')
  .description('the node catalog, or one node type')
  .argument('[type]')
  .action(action((ctx, type: string | undefined) => nodeTypes(ctx, type)));

const schedules = program.command('schedules').description('schedules: list, get, create, pause, unpause, trigger, delete');
schedules
  .command('list')
  .option('--page-token <token>')
  .action(action((ctx, options: { pageToken?: string }) => listSchedules(ctx, options.pageToken)));
schedules
  .command('get')
  .argument('<schedule-id>')
  .action(action((ctx, id: string) => getSchedule(ctx, id)));
schedules
  .command('create')
  .argument('<schedule-id>')
  .requiredOption('--graph <graph-id>', 'the graph each tick starts')
  .option('--cron <expression>', 'a five-field cron expression (repeatable; none: the graph’s schedule.cron_trigger)', collect)
  .option('--timezone <zone>', 'the IANA time zone of the cron expressions', 'UTC')
  .option('--every <ms>', 'an interval in milliseconds (repeatable)', collect)
  .option('--overlap <policy>', 'skip, buffer_one, allow_all or cancel_other')
  .option('--input <json>', 'the start input of each tick')
  .option('--paused', 'create it paused')
  .action(
    action(
      (ctx, id: string, options: { graph: string; cron?: string[]; timezone: string; every?: string[]; overlap?: string; input?: string; paused?: boolean }) =>
        createSchedule(ctx, id, {
          graph: options.graph,
          cron: options.cron ?? [],
          timezone: options.timezone,
          every: options.every ?? [],
          input: jsonOption('--input', options.input),
          paused: options.paused === true,
          ...(options.overlap === undefined ? {} : { overlap: options.overlap }),
        }),
    ),
  );
for (const name of ['pause', 'unpause', 'trigger', 'delete'] as const) {
  schedules
    .command(name)
    .argument('<schedule-id>')
    .option('--note <text>', 'why (pause, unpause)', '')
    .action(action((ctx, id: string, options: { note: string }) => changeSchedule(ctx, name, id, options.note)));
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander already printed the usage error (or the help, or the version).
  const code = (error as { exitCode?: number }).exitCode;
  process.exitCode = code === 0 ? EXIT.ok : EXIT.usage;
}
