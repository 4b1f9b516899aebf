/**
 * Micro-benchmark of the expression language: parsing and evaluating typical templates.
 * Run with `npm run build && node dist/bench/expressions.bench.js`. Numbers are informative only;
 * no test asserts timing.
 */
import { pathToFileURL } from 'node:url';
import {
  compileParams,
  evaluateTemplate,
  parseTemplate,
  renderParams,
  type ExpressionContext,
  type JsonObject,
  type Template,
} from '../src/expressions/index.js';

/** One benchmark case: a name and an operation returning something to keep alive. */
interface BenchCase {
  readonly name: string;
  readonly op: () => unknown;
}

const CONTEXT: ExpressionContext = {
  input: {
    main: {
      v: 41,
      name: 'Ada Lovelace',
      items: Array.from({ length: 10 }, (_, i) => ({ sku: `sku-${i}`, price: i * 1.5, qty: i % 3 })),
    },
  },
  nodes: { a: { output: { id: 'abc-123' }, context: {} } },
  vars: { limit: 3 },
  now: '2025-01-31T12:00:00.000Z',
};

function plan(params: JsonObject) {
  const { plan: compiled, diagnostics } = compileParams(params);
  if (diagnostics.length > 0) throw new Error(`benchmark params do not compile: ${JSON.stringify(diagnostics)}`);
  return compiled;
}

function parsed(source: string): Template {
  const result = parseTemplate(source);
  if (!result.ok) throw new Error(result.diagnostic.message);
  return result.template;
}

const TYPICAL_PARAMS: JsonObject = {
  url: '{{ $vars.api_url }}/users/{{ $nodes.fetch.output.id }}',
  method: 'POST',
  headers: { Authorization: 'Bearer {{ $env.token }}', 'Content-Type': 'application/json' },
  body: { name: '{{ $input.main.name | upper_case }}', total: '{{ $input.main.items | map("price") | sum }}' },
};

function cases(): BenchCase[] {
  const lonePath = plan({ v: '{{ $input.main.v }}' });
  const plusOne = plan({ v: '{{ $input.main.v + 1 }}' });
  const mixed = plan({ id: 'id-{{ $nodes.a.output.id }}' });
  const filters = plan({ total: '{{ $input.main.items | map("price") | sum }}' });
  const loop = plan({ list: '{% for item in $input.main.items %}{{ item.sku }},{% endfor %}' });
  const directive = plan({ skus: { '#map': ['{{ $input.main.items }}', '{{ $loop.item.sku }}'] } });
  const constant = plan({ a: 1, b: 'text', c: [1, 2, 3] });
  const condition = parsed('{% if $input.main.v > 40 and $input.main.name != "" %}big{% else %}small{% endif %}');
  return [
    { name: 'parse {{ $input.main.v + 1 }}', op: () => parseTemplate('{{ $input.main.v + 1 }}') },
    {
      name: 'parse mixed template with tags',
      op: () => parseTemplate('Hello {{ $input.main.name | upper_case }}{% for i in $input.main.items %}, {{ i.sku }}{% endfor %}!'),
    },
    { name: 'compileParams typical http params', op: () => compileParams(TYPICAL_PARAMS) },
    { name: 'render {{ $input.main.v }}', op: () => renderParams(lonePath, CONTEXT) },
    { name: 'render {{ $input.main.v + 1 }}', op: () => renderParams(plusOne, CONTEXT) },
    { name: 'render "id-{{ $nodes.a.output.id }}"', op: () => renderParams(mixed, CONTEXT) },
    { name: 'render map("price") | sum over 10 items', op: () => renderParams(filters, CONTEXT) },
    { name: 'render for loop over 10 items', op: () => renderParams(loop, CONTEXT) },
    { name: 'render #map directive over 10 items', op: () => renderParams(directive, CONTEXT) },
    { name: 'render constant params', op: () => renderParams(constant, CONTEXT) },
    { name: 'evaluateTemplate if/else with and', op: () => evaluateTemplate(condition, CONTEXT) },
  ];
}

let sink: unknown;

/** Runs `op` repeatedly for about `durationMs` and returns operations per second. */
function measure(op: () => unknown, durationMs: number): number {
  let count = 0;
  let batch = 64;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < batch; i++) sink = op();
    count += batch;
    elapsed = performance.now() - start;
    if (elapsed < durationMs / 20) batch *= 2;
  }
  return (count * 1000) / elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs every case: a warm-up, then several timed rounds; reports the median ops/s per case. */
export async function runExpressionBench(): Promise<Array<{ name: string; opsPerSec: number }>> {
  const results: Array<{ name: string; opsPerSec: number }> = [];
  for (const benchCase of cases()) {
    measure(benchCase.op, 150);
    const rounds: number[] = [];
    for (let round = 0; round < 5; round++) rounds.push(measure(benchCase.op, 150));
    results.push({ name: benchCase.name, opsPerSec: Math.round(median(rounds)) });
    // Yield between cases so a caller's event loop stays responsive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return results;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  const results = await runExpressionBench();
  for (const { name, opsPerSec } of results) {
    console.log(`${name.padEnd(48)} ${opsPerSec.toLocaleString('en-US').padStart(14)} ops/s  ${(1e9 / opsPerSec).toFixed(0).padStart(7)} ns/op`);
  }
}
