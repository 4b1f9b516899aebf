import type { Json } from '../../../src/domain/json.js';
import {
  evaluateTemplate,
  parseTemplate,
  type CompileLimits,
  type ExpressionContext,
  type ExpressionDiagnosticCode,
  type RenderLimits,
} from '../../../src/expressions/index.js';

/** The context C of the expression language. */
export const C: ExpressionContext = {
  input: {
    main: {
      name: 'Ada Lovelace',
      age: 36,
      active: true,
      zero: 0,
      empty: '',
      note: null,
      tags: ['math', 'poetry', 'math'],
      nested: { k: 'v' },
      items: [
        { sku: 'a', price: 10, qty: 2 },
        { sku: 'b', price: 2.5, qty: 4 },
        { sku: 'c', price: null, qty: 1 },
      ],
    },
  },
  nodes: { fetch: { output: { id: 42, ok: true }, context: {} } },
  env: { region: 'eu' },
  vars: { api_url: 'https://api.example.com', limit: 3 },
  workflow: { id: 'wf-1', version: 3 },
  execution: {
    id: 'exec-1',
    mode: 'async',
    current_node_key: 'n1',
    run_index: 2,
    execution_index: 7,
    attempt: 0,
    loopback: false,
    loop: { loop_level: 0, loop_role: 'not_in_loop', loop_ids: [], loopback: false },
    state: { count: 5 },
    preparation: {},
  },
  now: '2025-01-31T12:00:00.000Z',
};

/** What rendering one template gave: a value, a run-time reason, or a compile diagnostic. */
export type Outcome = { readonly value: Json } | { readonly error: string } | { readonly compile: ExpressionDiagnosticCode; readonly message: string };

/** Parses and evaluates a template, folding the result into an `Outcome`. */
export function run(source: string, context: ExpressionContext = C, limits?: { compile?: Partial<CompileLimits>; render?: Partial<RenderLimits> }): Outcome {
  const parsed = parseTemplate(source, { limits: limits?.compile ?? {} });
  if (!parsed.ok) return { compile: parsed.diagnostic.code, message: parsed.diagnostic.message };
  const result = evaluateTemplate(parsed.template, context, { limits: limits?.render ?? {} });
  return result.ok ? { value: result.value } : { error: result.reason };
}

/** The value of a template that must evaluate; throws with the outcome otherwise. */
export function value(source: string, context: ExpressionContext = C): Json {
  const outcome = run(source, context);
  if (!('value' in outcome)) throw new Error(`expected a value from ${JSON.stringify(source)}, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** The run-time reason of a template that must fail; throws otherwise. */
export function reason(source: string, context: ExpressionContext = C): string {
  const outcome = run(source, context);
  if (!('error' in outcome)) throw new Error(`expected an error from ${JSON.stringify(source)}, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

/** The compile diagnostic message of a template that must not compile; throws otherwise. */
export function compileMessage(source: string): string {
  const outcome = run(source);
  if (!('compile' in outcome)) throw new Error(`expected a compile diagnostic from ${JSON.stringify(source)}, got ${JSON.stringify(outcome)}`);
  return outcome.message;
}
