import type { Json } from '../domain/json.js';
import type { SourcePosition } from './source-position.js';

/** Operators of the binary precedence levels 3–8. */
export type BinaryOperator = '*' | '/' | '%' | '+' | '-' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | '&&' | 'or' | '||';

/** Prefix operators. */
export type UnaryOperator = 'not' | '!' | '-';

/** A literal: number, string, atom (as its string), `true`, `false`, `null`/`nil`. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly position: SourcePosition;
  readonly value: Json;
}

/** An array literal `[e1, e2, …]`. */
export interface ArrayNode {
  readonly kind: 'array';
  readonly position: SourcePosition;
  readonly elements: readonly ExpressionNode[];
}

/** A `$name` context variable or a plain template-local name. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly position: SourcePosition;
  readonly scope: 'context' | 'local';
  readonly name: string;
}

/** One step of member access: `.name` or `[index]`. */
export type AccessSegment =
  | { readonly kind: 'name'; readonly position: SourcePosition; readonly name: string }
  | { readonly kind: 'index'; readonly position: SourcePosition; readonly index: ExpressionNode };

/** A primary followed by one or more member/index steps: `a.b[0].c`. */
export interface AccessNode {
  readonly kind: 'access';
  readonly position: SourcePosition;
  readonly target: ExpressionNode;
  readonly segments: readonly AccessSegment[];
}

/** A prefix operator applied to an operand. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly position: SourcePosition;
  readonly operator: UnaryOperator;
  readonly operand: ExpressionNode;
}

/** One `operator operand` step of a left-associative chain. */
export interface BinaryStep {
  readonly operator: BinaryOperator;
  readonly position: SourcePosition;
  readonly operand: ExpressionNode;
}

/**
 * A left-associative chain of operators of one precedence level: `a + b - c` is
 * `{ first: a, rest: [+ b, - c] }`, meaning `(a + b) - c`. Chains keep evaluation iterative.
 */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly position: SourcePosition;
  readonly first: ExpressionNode;
  readonly rest: readonly BinaryStep[];
}

/** One filter application `| name(args…)` (the value comes from the pipe). */
export interface FilterCall {
  readonly position: SourcePosition;
  readonly name: string;
  readonly args: readonly ExpressionNode[];
}

/** A value piped through filters: `v | f | g(x)`. */
export interface PipelineNode {
  readonly kind: 'pipeline';
  readonly position: SourcePosition;
  readonly input: ExpressionNode;
  readonly filters: readonly FilterCall[];
}

/** Call syntax `f(x, a, b)`, the same as `x | f(a, b)`; `f()` applies `f` to null. */
export interface CallNode {
  readonly kind: 'call';
  readonly position: SourcePosition;
  readonly name: string;
  readonly args: readonly ExpressionNode[];
}

/** Any expression. */
export type ExpressionNode = LiteralNode | ArrayNode | VariableNode | AccessNode | UnaryNode | BinaryNode | PipelineNode | CallNode;

/** Literal text between blocks, after trimming. */
export interface TextBlock {
  readonly kind: 'text';
  readonly position: SourcePosition;
  readonly text: string;
}

/** `{{ expression }}`, with its trim markers. */
export interface OutputBlock {
  readonly kind: 'output';
  readonly position: SourcePosition;
  readonly expression: ExpressionNode;
  readonly trimBefore: boolean;
  readonly trimAfter: boolean;
}

/** `{# … #}`: renders nothing. */
export interface CommentBlock {
  readonly kind: 'comment';
  readonly position: SourcePosition;
  readonly text: string;
}

/** `{% if %} … {% elsif %} … {% else %} … {% endif %}`. */
export interface IfBlock {
  readonly kind: 'if';
  readonly position: SourcePosition;
  readonly branches: readonly { readonly condition: ExpressionNode; readonly body: readonly Block[] }[];
  readonly otherwise: readonly Block[] | null;
}

/** `{% for name in expression %} … {% endfor %}`. */
export interface ForBlock {
  readonly kind: 'for';
  readonly position: SourcePosition;
  readonly variable: string;
  readonly iterable: ExpressionNode;
  readonly body: readonly Block[];
}

/** `{% assign name = expression %}`. */
export interface AssignBlock {
  readonly kind: 'assign';
  readonly position: SourcePosition;
  readonly name: string;
  readonly expression: ExpressionNode;
}

/** Any block of a template body. */
export type Block = TextBlock | OutputBlock | CommentBlock | IfBlock | ForBlock | AssignBlock;

/** The root of a parsed template string. */
export interface Template {
  readonly kind: 'template';
  readonly source: string;
  readonly body: readonly Block[];
  /**
   * True when the whole string is exactly one output block: the result is then the
   * expression's value itself, not its text.
   */
  readonly single: boolean;
}
