import type { Json } from '../domain/json.js';
import type { Block, ExpressionNode, Template } from './ast.js';
import { compileExpression, type Evaluator, type ExpressionScope } from './compile-expression.js';
import type { RootName } from './context.js';
import { fail, failOutputTooLarge } from './expression-failure.js';
import type { RenderRun } from './render-run.js';
import { boundedTextForm } from './text-form.js';
import { isLiquidTruthy } from './truthiness.js';
import { exceedsUtf8 } from './utf8-length.js';

/** A template compiled to closures, ready to evaluate any number of times. */
export interface TemplateProgram {
  /** Evaluates the template: its value (single output) or its rendered text. */
  readonly evaluate: (run: RenderRun) => Json;
  /** The context roots the template reads. */
  readonly roots: ReadonlySet<RootName>;
}

/** A compiled block: appends to `run.out` and/or updates locals. */
type Statement = (run: RenderRun) => void;

/** Assigns a slot to every name bound by `assign` or `for`, plus `forloop`. */
function collectLocals(body: readonly Block[], slots: Map<string, number>): void {
  const bind = (name: string): void => {
    if (!slots.has(name)) slots.set(name, slots.size);
  };
  for (const block of body) {
    switch (block.kind) {
      case 'assign':
        bind(block.name);
        break;
      case 'for':
        bind(block.variable);
        bind('forloop');
        collectLocals(block.body, slots);
        break;
      case 'if':
        for (const branch of block.branches) collectLocals(branch.body, slots);
        if (block.otherwise !== null) collectLocals(block.otherwise, slots);
        break;
      case 'text':
      case 'output':
      case 'comment':
        break;
    }
  }
}

/** Fails when a rendered string is over the per-string limit (UTF-8 bytes). */
function checkStringSize(text: string, run: RenderRun): string {
  if (exceedsUtf8(text, run.maxStringBytes)) failOutputTooLarge();
  return text;
}

/** The final value of a single-output template: numbers normalised, strings size-checked. */
function finishValue(value: Json, run: RenderRun): Json {
  if (typeof value === 'string') return checkStringSize(value, run);
  if (value === 0) return 0;
  return value === undefined ? null : value;
}

/** Compiles a parsed template into closures. */
export function compileTemplate(template: Template): TemplateProgram {
  const slots = new Map<string, number>();
  collectLocals(template.body, slots);
  const roots = new Set<RootName>();
  const scope: ExpressionScope = { slotOf: (name) => slots.get(name) ?? -1, roots };
  const expression = (node: ExpressionNode): Evaluator => compileExpression(node, scope);

  if (template.single) {
    const only = template.body[0];
    if (only === undefined || only.kind !== 'output') throw new Error('a single-output template has one output block');
    const evaluate = expression(only.expression);
    return { roots, evaluate: (run) => finishValue(evaluate(run), run) };
  }

  const simple = template.body.every((block) => block.kind === 'text' || block.kind === 'output' || block.kind === 'comment');
  if (simple) return { roots, evaluate: compileConcatenation(template.body, expression) };

  const localCount = slots.size;
  const forloopSlot = slots.get('forloop') ?? -1;
  const body = compileBody(template.body, expression, slots, forloopSlot);
  return {
    roots,
    evaluate: (run) => {
      run.beginTemplate(localCount);
      runBody(body, run);
      const out = run.out;
      run.out = '';
      return checkStringSize(out, run);
    },
  };
}

/** Mixed text without tags: text parts and outputs concatenated, with no locals. */
function compileConcatenation(body: readonly Block[], expression: (node: ExpressionNode) => Evaluator): (run: RenderRun) => Json {
  const parts: (string | Evaluator)[] = [];
  for (const block of body) {
    if (block.kind === 'text') parts.push(block.text);
    else if (block.kind === 'output') parts.push(expression(block.expression));
  }
  const [p0, p1, p2] = parts;
  // The most common shapes, such as "id-{{ x }}" and "{{ a }}/{{ b }}", avoid the generic loop.
  if (parts.length === 2 && typeof p0 === 'string' && typeof p1 === 'function') {
    return (run) => checkStringSize(p0 + boundedTextForm(p1(run), run.maxStringBytes), run);
  }
  if (parts.length === 2 && typeof p0 === 'function' && typeof p1 === 'string') {
    return (run) => checkStringSize(boundedTextForm(p0(run), run.maxStringBytes) + p1, run);
  }
  if (parts.length === 3 && typeof p0 === 'string' && typeof p1 === 'function' && typeof p2 === 'string') {
    return (run) => checkStringSize(p0 + boundedTextForm(p1(run), run.maxStringBytes) + p2, run);
  }
  return (run) => {
    const max = run.maxStringBytes;
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      out += typeof part === 'string' ? part : boundedTextForm(part(run), max - out.length);
      if (out.length > max) failOutputTooLarge();
    }
    return checkStringSize(out, run);
  };
}

function runBody(body: readonly Statement[], run: RenderRun): void {
  for (let i = 0; i < body.length; i++) body[i]!(run);
}

/** Appends text to the run's output, failing as soon as it is certainly too large. */
function append(run: RenderRun, text: string): void {
  const out = run.out + text;
  if (out.length > run.maxStringBytes) failOutputTooLarge();
  run.out = out;
}

function compileBody(
  blocks: readonly Block[],
  expression: (node: ExpressionNode) => Evaluator,
  slots: ReadonlyMap<string, number>,
  forloopSlot: number,
): Statement[] {
  const statements: Statement[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        const text = block.text;
        statements.push((run) => append(run, text));
        break;
      }
      case 'output': {
        const evaluate = expression(block.expression);
        statements.push((run) => append(run, boundedTextForm(evaluate(run), run.maxStringBytes - run.out.length)));
        break;
      }
      case 'comment':
        break;
      case 'assign': {
        const slot = slots.get(block.name) ?? -1;
        const evaluate = expression(block.expression);
        statements.push((run) => {
          run.locals[slot] = evaluate(run);
        });
        break;
      }
      case 'if': {
        const branches = block.branches.map((branch) => ({
          condition: expression(branch.condition),
          body: compileBody(branch.body, expression, slots, forloopSlot),
        }));
        const otherwise = block.otherwise === null ? null : compileBody(block.otherwise, expression, slots, forloopSlot);
        statements.push((run) => {
          for (let i = 0; i < branches.length; i++) {
            const branch = branches[i]!;
            if (isLiquidTruthy(branch.condition(run))) {
              runBody(branch.body, run);
              return;
            }
          }
          if (otherwise !== null) runBody(otherwise, run);
        });
        break;
      }
      case 'for': {
        const variableSlot = slots.get(block.variable) ?? -1;
        const iterable = expression(block.iterable);
        const body = compileBody(block.body, expression, slots, forloopSlot);
        statements.push((run) => runFor(run, iterable(run), variableSlot, forloopSlot, body));
        break;
      }
    }
  }
  return statements;
}

/** Runs a `for` loop: the item and `forloop` are bound per iteration and restored after. */
function runFor(run: RenderRun, iterable: Json, variableSlot: number, forloopSlot: number, body: readonly Statement[]): void {
  if (iterable === null) return;
  if (!Array.isArray(iterable)) fail('For loop iterable must be a list');
  const items = iterable as readonly Json[];
  const length = items.length;
  run.checkCollection(length);
  const locals = run.locals;
  const savedVariable = locals[variableSlot] as Json;
  const savedForloop = locals[forloopSlot] as Json;
  const parentloop = run.forloop;
  for (let index = 0; index < length; index++) {
    run.tick();
    const forloop = {
      index,
      rindex: length - 1 - index,
      first: index === 0,
      last: index === length - 1,
      length,
      parentloop,
    };
    locals[variableSlot] = items[index] ?? null;
    locals[forloopSlot] = forloop;
    run.forloop = forloop;
    runBody(body, run);
  }
  locals[variableSlot] = savedVariable;
  locals[forloopSlot] = savedForloop;
  run.forloop = parentloop;
}
