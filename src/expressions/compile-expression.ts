import type { Json } from '../domain/json.js';
import { add, divide, finiteResult, modulo, multiply, negate, subtract } from './arithmetic.js';
import type { AccessNode, AccessSegment, BinaryNode, BinaryOperator, ExpressionNode, FilterCall, PipelineNode } from './ast.js';
import { relate } from './comparison.js';
import type { RootName } from './context.js';
import { deepEqual } from './deep-equal.js';
import { fail } from './expression-failure.js';
import { FILTERS } from './filters/filter-registry.js';
import { isFilterName } from './filters/filter-signatures.js';
import type { FilterFunction } from './filters/filter-function.js';
import { isForbiddenKey, readAllowedProperty, readIndex } from './property-access.js';
import type { RenderRun } from './render-run.js';
import { isLiquidTruthy, isValueTruthy } from './truthiness.js';

/** A compiled expression: a closure over the render run. Errors are thrown as `ExpressionFailure`. */
export type Evaluator = (run: RenderRun) => Json;

/** What an expression needs from its template while compiling. */
export interface ExpressionScope {
  /** The slot of a template-local name, or -1 when the template never binds it (it reads null). */
  slotOf(name: string): number;
  /** Collects the context roots the expression reads. */
  readonly roots: Set<RootName>;
}

const NULL: Evaluator = () => null;

/** A closure that returns a constant. */
function constant(value: Json): Evaluator {
  return value === null ? NULL : () => value;
}

/** Chains longer than this are evaluated by a loop rather than by nested closures. */
const NESTED_CHAIN_LIMIT = 8;

/**
 * Compiles an expression AST into closures ("closure compilation": no source text is ever
 * generated). Literal-only sub-trees become constants; common shapes get specialised closures.
 */
export function compileExpression(node: ExpressionNode, scope: ExpressionScope): Evaluator {
  switch (node.kind) {
    case 'literal':
      return constant(node.value);
    case 'array':
      return compileArray(node.elements, scope);
    case 'variable':
      return node.scope === 'context' ? compileContextVariable(node.name, scope) : compileLocal(node.name, scope);
    case 'access':
      return compileAccess(node, scope);
    case 'unary': {
      if (node.operator === '-' && node.operand.kind === 'literal' && typeof node.operand.value === 'number') {
        return constant(negate(node.operand.value));
      }
      const operand = compileExpression(node.operand, scope);
      return node.operator === '-' ? (run) => negate(operand(run)) : (run) => !isLiquidTruthy(operand(run));
    }
    case 'binary':
      return compileBinary(node, scope);
    case 'pipeline':
      return compilePipeline(node, scope);
    case 'call': {
      const [value, ...args] = node.args;
      const input = value === undefined ? NULL : compileExpression(value, scope);
      return compileFilters(input, [{ position: node.position, name: node.name, args }], scope);
    }
  }
}

/** The literal value of an expression made only of literals and array literals, else undefined. */
function literalValue(node: ExpressionNode): Json | undefined {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'unary' && node.operator === '-' && node.operand.kind === 'literal' && typeof node.operand.value === 'number') {
    return negate(node.operand.value);
  }
  return node.kind === 'array' ? literalArray(node.elements) : undefined;
}

/** The frozen value of an array literal whose elements are all literal, else undefined. */
function literalArray(elements: readonly ExpressionNode[]): Json | undefined {
  const values: Json[] = [];
  for (const element of elements) {
    const value = literalValue(element);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return Object.freeze(values);
}

function compileArray(elements: readonly ExpressionNode[], scope: ExpressionScope): Evaluator {
  const literal = literalArray(elements);
  if (literal !== undefined) return constant(literal);
  const items = elements.map((element) => compileExpression(element, scope));
  return (run) => {
    const out = new Array<Json>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = items[i]!(run);
    return out;
  };
}

function compileContextVariable(name: string, scope: ExpressionScope): Evaluator {
  const root = (rootName: RootName, read: Evaluator): Evaluator => {
    scope.roots.add(rootName);
    return read;
  };
  switch (name) {
    case 'input':
      return root('input', (run) => run.input);
    case 'nodes':
      return root('nodes', (run) => run.nodes);
    case 'env':
      return root('env', (run) => run.env);
    case 'vars':
      return root('vars', (run) => run.vars);
    case 'workflow':
      return root('workflow', (run) => run.workflow);
    case 'execution':
      return root('execution', (run) => run.execution);
    case 'now':
      return root('now', (run) => run.now);
    case 'loop':
      return (run) => run.loop;
    case 'self':
      return (run) => run.self;
    default:
      return NULL;
  }
}

function compileLocal(name: string, scope: ExpressionScope): Evaluator {
  const slot = scope.slotOf(name);
  if (slot < 0) return NULL;
  return (run) => run.locals[slot] as Json;
}

/** One access step applied to the value so far. */
type Step = (value: Json, run: RenderRun) => Json;

function compileStep(segment: AccessSegment, scope: ExpressionScope): Step {
  if (segment.kind === 'name') {
    const key = segment.name;
    return isForbiddenKey(key) ? () => null : (value) => readAllowedProperty(value, key);
  }
  const index = segment.index;
  if (index.kind === 'literal' && typeof index.value === 'string' && !isForbiddenKey(index.value)) {
    const key = index.value;
    return (value) => readAllowedProperty(value, key);
  }
  const evaluateIndex = compileExpression(index, scope);
  return (value, run) => readIndex(value, evaluateIndex(run));
}

/** The property name of a step that is a plain, allowed key (`.name`, `["name"]`, `[:name]`). */
function staticKey(segment: AccessSegment): string | undefined {
  if (segment.kind === 'name') return isForbiddenKey(segment.name) ? undefined : segment.name;
  const index = segment.index;
  return index.kind === 'literal' && typeof index.value === 'string' && !isForbiddenKey(index.value) ? index.value : undefined;
}

function compileAccess(node: AccessNode, scope: ExpressionScope): Evaluator {
  const target = compileExpression(node.target, scope);
  const keys = node.segments.map(staticKey);
  if (keys.every((key): key is string => key !== undefined)) {
    // Fast paths for the most common shape, `$root.a.b…` with plain keys.
    const [k0, k1, k2] = keys as [string, string | undefined, string | undefined];
    if (keys.length === 1) return (run) => readAllowedProperty(target(run), k0);
    if (keys.length === 2) return (run) => readAllowedProperty(readAllowedProperty(target(run), k0), k1!);
    if (keys.length === 3) return (run) => readAllowedProperty(readAllowedProperty(readAllowedProperty(target(run), k0), k1!), k2!);
    return (run) => {
      let value = target(run);
      for (let i = 0; i < keys.length; i++) value = readAllowedProperty(value, keys[i]!);
      return value;
    };
  }
  const steps = node.segments.map((segment) => compileStep(segment, scope));
  return (run) => {
    let value = target(run);
    for (let i = 0; i < steps.length; i++) value = steps[i]!(value, run);
    return value;
  };
}

/** Applies a binary operator whose right operand is evaluated only when needed. */
function applyOperator(operator: BinaryOperator, left: Json, right: Evaluator, run: RenderRun): Json {
  switch (operator) {
    case 'and':
      return isLiquidTruthy(left) ? isLiquidTruthy(right(run)) : false;
    case 'or':
      return isLiquidTruthy(left) ? true : isLiquidTruthy(right(run));
    case '&&':
      return isValueTruthy(left) ? right(run) : left;
    case '||':
      return isValueTruthy(left) ? left : right(run);
    case '==':
      return deepEqual(left, right(run));
    case '!=':
      return !deepEqual(left, right(run));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return relate(operator, left, right(run));
    case '+':
      return add(left, right(run), run.maxStringBytes);
    case '-':
      return subtract(left, right(run));
    case '*':
      return multiply(left, right(run));
    case '/':
      return divide(left, right(run));
    case '%':
      return modulo(left, right(run));
  }
}

/** A specialised closure for one operator. */
function combine(operator: BinaryOperator, left: Evaluator, right: Evaluator, rightNode: ExpressionNode): Evaluator {
  const rightConstant = rightNode.kind === 'literal' ? rightNode.value : undefined;
  switch (operator) {
    case 'and':
      return (run) => isLiquidTruthy(left(run)) && isLiquidTruthy(right(run));
    case 'or':
      return (run) => isLiquidTruthy(left(run)) || isLiquidTruthy(right(run));
    case '&&':
      return (run) => {
        const value = left(run);
        return isValueTruthy(value) ? right(run) : value;
      };
    case '||':
      return (run) => {
        const value = left(run);
        return isValueTruthy(value) ? value : right(run);
      };
    case '==':
      return (run) => deepEqual(left(run), right(run));
    case '!=':
      return (run) => !deepEqual(left(run), right(run));
    case '+':
      if (typeof rightConstant === 'number') {
        return (run) => {
          const value = left(run);
          return typeof value === 'number' ? finiteResult(value + rightConstant) : add(value, rightConstant, run.maxStringBytes);
        };
      }
      return (run) => {
        const a = left(run);
        const b = right(run);
        return typeof a === 'number' && typeof b === 'number' ? finiteResult(a + b) : add(a, b, run.maxStringBytes);
      };
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (run) => applyOperator(operator, left(run), right, run);
  }
}

function compileBinary(node: BinaryNode, scope: ExpressionScope): Evaluator {
  const first = compileExpression(node.first, scope);
  const steps = node.rest.map((step) => ({ operator: step.operator, operand: compileExpression(step.operand, scope), node: step.operand }));
  if (steps.length <= NESTED_CHAIN_LIMIT) {
    let evaluator = first;
    for (const step of steps) evaluator = combine(step.operator, evaluator, step.operand, step.node);
    return evaluator;
  }
  // Long chains stay iterative so evaluation never recurses once per operand.
  return (run) => {
    let value = first(run);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      value = applyOperator(step.operator, value, step.operand, run);
    }
    return value;
  };
}

function compilePipeline(node: PipelineNode, scope: ExpressionScope): Evaluator {
  return compileFilters(compileExpression(node.input, scope), node.filters, scope);
}

interface CompiledFilter {
  readonly apply: FilterFunction;
  readonly a: Evaluator | undefined;
  readonly b: Evaluator | undefined;
}

function compileFilter(call: FilterCall, scope: ExpressionScope): CompiledFilter {
  // Names and argument counts were checked by the parser; a template with an unknown filter
  // never compiles, so this is only a guard.
  const name = call.name;
  const apply: FilterFunction = isFilterName(name) ? FILTERS[name] : () => fail(`Unknown filter or function: ${name}`);
  const [a, b] = call.args.map((arg) => compileExpression(arg, scope));
  return { apply, a, b };
}

function compileFilters(input: Evaluator, calls: readonly FilterCall[], scope: ExpressionScope): Evaluator {
  const filters = calls.map((call) => compileFilter(call, scope));
  if (filters.length === 1) {
    const { apply, a, b } = filters[0]!;
    if (a === undefined) return (run) => apply(input(run), undefined, undefined, run);
    if (b === undefined) return (run) => apply(input(run), a(run), undefined, run);
    return (run) => apply(input(run), a(run), b(run), run);
  }
  return (run) => {
    let value = input(run);
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i]!;
      value = filter.apply(value, filter.a?.(run), filter.b?.(run), run);
    }
    return value;
  };
}
