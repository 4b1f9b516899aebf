import type { Json } from '../domain/json.js';
import type { AccessSegment, BinaryOperator, BinaryStep, ExpressionNode, FilterCall, LiteralNode, UnaryOperator } from './ast.js';
import type { BlockLexer } from './lexer.js';
import type { PositionTracker, SourcePosition } from './source-position.js';
import { syntaxError } from './template-syntax-error.js';
import { describeToken, RESERVED_WORDS, type Token } from './tokens.js';

/** Called for every filter application and call, with the number of arguments after the value. */
export type FilterUseListener = (name: string, argumentCount: number, position: SourcePosition) => void;

/** The operators of each binary precedence level, loosest first. */
const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['or', '||'],
  ['and', '&&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/** The binary operator a token stands for, if any. */
function binaryOperatorOf(token: Token): BinaryOperator | undefined {
  if (token.kind === 'word') return token.name === 'and' || token.name === 'or' ? token.name : undefined;
  if (token.kind !== 'punct') return undefined;
  switch (token.symbol) {
    case '*':
    case '/':
    case '%':
    case '+':
    case '-':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
    case '&&':
    case '||':
      return token.symbol;
    default:
      return undefined;
  }
}

function isPunct(token: Token, symbol: string): boolean {
  return token.kind === 'punct' && token.symbol === symbol;
}

/**
 * A recursive-descent parser for one expression, reading tokens from a block
 * lexer. Binary levels become iterative chains; nesting (parentheses, brackets, unary operators,
 * argument lists) is limited to `maxDepth`.
 */
export class ExpressionParser {
  private depth = 0;

  /** Creates a parser over the lexer of one block. */
  constructor(
    private readonly lexer: BlockLexer,
    private readonly positions: PositionTracker,
    private readonly maxDepth: number,
    private readonly onFilter: FilterUseListener,
  ) {}

  /** `expr = or { "|" filter }`. After a filter only `|`, `)`, `]`, `,` or the block end may follow. */
  parseExpression(): ExpressionNode {
    const input = this.parseLevel(0);
    if (!isPunct(this.lexer.peek(), '|')) return input;
    const filters: FilterCall[] = [];
    while (isPunct(this.lexer.peek(), '|')) {
      this.lexer.next();
      const nameToken = this.lexer.next();
      if (nameToken.kind !== 'word') syntaxError(nameToken.start, `expected a filter name after "|", found ${describeToken(nameToken)}`);
      const position = this.position(nameToken);
      const args = isPunct(this.lexer.peek(), '(') ? this.parseArguments() : [];
      this.onFilter(nameToken.name, args.length, position);
      filters.push({ position, name: nameToken.name, args });
      const after = this.lexer.peek();
      const allowed =
        after.kind === 'close' || (after.kind === 'punct' && (after.symbol === '|' || after.symbol === ')' || after.symbol === ']' || after.symbol === ','));
      if (!allowed) {
        syntaxError(
          after.start,
          `unexpected ${describeToken(after)} after a filter; only "|", ")", "]", "," or the end of the block may follow (wrap the filtered value in parentheses)`,
        );
      }
    }
    return { kind: 'pipeline', position: input.position, input, filters };
  }

  private position(token: Token): SourcePosition {
    return this.positions.at(token.start);
  }

  private enter(offset: number): void {
    this.depth++;
    if (this.depth > this.maxDepth) syntaxError(offset, `expression nesting depth exceeds maximum ${this.maxDepth}`);
  }

  private leave(): void {
    this.depth--;
  }

  private expect(symbol: string, what: string): Token {
    const token = this.lexer.next();
    if (!isPunct(token, symbol)) syntaxError(token.start, `expected ${what}, found ${describeToken(token)}`);
    return token;
  }

  private parseLevel(level: number): ExpressionNode {
    const operators = LEVELS[level];
    if (operators === undefined) return this.parseUnary();
    const first = this.parseLevel(level + 1);
    let rest: BinaryStep[] | undefined;
    for (;;) {
      const token = this.lexer.peek();
      const operator = binaryOperatorOf(token);
      if (operator === undefined || !operators.includes(operator)) break;
      this.lexer.next();
      const position = this.position(token);
      const operand = this.parseLevel(level + 1);
      (rest ??= []).push({ operator, position, operand });
    }
    return rest === undefined ? first : { kind: 'binary', position: first.position, first, rest };
  }

  private parseUnary(): ExpressionNode {
    const token = this.lexer.peek();
    let operator: UnaryOperator | undefined;
    if (token.kind === 'word' && token.name === 'not') operator = 'not';
    else if (isPunct(token, '!')) operator = '!';
    else if (isPunct(token, '-')) operator = '-';
    if (operator === undefined) return this.parsePostfix();
    this.lexer.next();
    const position = this.position(token);
    this.enter(token.start);
    const operand = this.parseUnary();
    this.leave();
    return { kind: 'unary', position, operator, operand };
  }

  private parsePostfix(): ExpressionNode {
    return this.parseSegments(this.parsePrimary());
  }

  /** Reads `.name` and `[index]` steps after `target` (the index grammar is restricted everywhere). */
  private parseSegments(target: ExpressionNode): ExpressionNode {
    let segments: AccessSegment[] | undefined;
    for (;;) {
      const token = this.lexer.peek();
      if (isPunct(token, '.')) {
        this.lexer.next();
        const position = this.position(token);
        const name = this.lexer.next();
        if (name.kind !== 'word') syntaxError(name.start, `expected a property name after ".", found ${describeToken(name)}`);
        (segments ??= []).push({ kind: 'name', position, name: name.name });
      } else if (isPunct(token, '[')) {
        this.lexer.next();
        const position = this.position(token);
        this.enter(token.start);
        const index = this.parseIndex();
        this.expect(']', '"]"');
        this.leave();
        (segments ??= []).push({ kind: 'index', position, index });
      } else {
        break;
      }
    }
    return segments === undefined ? target : { kind: 'access', position: target.position, target, segments };
  }

  private parsePrimary(): ExpressionNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'number':
      case 'string':
      case 'atom':
        return this.scalarLiteral(token);
      case 'variable':
        return { kind: 'variable', position: this.position(token), scope: 'context', name: token.name };
      case 'word': {
        const keyword = this.keywordLiteral(token);
        if (keyword !== undefined) return keyword;
        if (RESERVED_WORDS.has(token.name)) syntaxError(token.start, `unexpected "${token.name}"`);
        if (isPunct(this.lexer.peek(), '(')) {
          const position = this.position(token);
          const args = this.parseArguments();
          this.onFilter(token.name, Math.max(0, args.length - 1), position);
          return { kind: 'call', position, name: token.name, args };
        }
        return { kind: 'variable', position: this.position(token), scope: 'local', name: token.name };
      }
      case 'punct':
        if (token.symbol === '[') return this.parseArrayLiteral(token);
        if (token.symbol === '(') {
          this.enter(token.start);
          const inner = this.parseExpression();
          this.expect(')', '")"');
          this.leave();
          return inner;
        }
        return syntaxError(token.start, `unexpected ${describeToken(token)}`);
      case 'close':
        return syntaxError(token.start, 'expected an expression');
    }
  }

  private literal(token: Token, value: Json): LiteralNode {
    return { kind: 'literal', position: this.position(token), value };
  }

  /** A number, string or atom token as a literal (an atom is its name as a string). */
  private scalarLiteral(token: Token & { kind: 'number' | 'string' | 'atom' }): LiteralNode {
    return this.literal(token, token.kind === 'atom' ? token.name : token.value);
  }

  private keywordLiteral(token: Token & { kind: 'word' }): LiteralNode | undefined {
    switch (token.name) {
      case 'true':
        return this.literal(token, true);
      case 'false':
        return this.literal(token, false);
      case 'null':
      case 'nil':
        return this.literal(token, null);
      default:
        return undefined;
    }
  }

  private parseArrayLiteral(open: Token): ExpressionNode {
    const position = this.position(open);
    const elements = this.parseList(open, ']', () => this.parseExpression(), 'expected "," or "]" in array literal');
    return { kind: 'array', position, elements };
  }

  /** `"(" [ arg { "," arg } ] ")"`, where the next token is the `(`. */
  private parseArguments(): ExpressionNode[] {
    const open = this.lexer.next();
    return this.parseList(
      open,
      ')',
      () => this.parseArgument(),
      'arguments must be literals or paths (compute other values before the pipe, e.g. "(x / 7) | round(1)")',
    );
  }

  /** The comma-separated items after `open` up to `close` (one nesting level deeper). */
  private parseList(open: Token, close: ']' | ')', parseItem: () => ExpressionNode, hint: string): ExpressionNode[] {
    this.enter(open.start);
    const items: ExpressionNode[] = [];
    if (isPunct(this.lexer.peek(), close)) {
      this.lexer.next();
    } else {
      for (;;) {
        items.push(parseItem());
        const token = this.lexer.next();
        if (isPunct(token, close)) break;
        if (!isPunct(token, ',')) syntaxError(token.start, `unexpected ${describeToken(token)}; ${hint}`);
      }
    }
    this.leave();
    return items;
  }

  /** `arg = [ "-" ] number | string | atom | true | false | null | nil | array | path`. */
  private parseArgument(): ExpressionNode {
    const token = this.lexer.peek();
    if (token.kind === 'word') {
      const keyword = this.keywordLiteral(token);
      if (keyword !== undefined) {
        this.lexer.next();
        return keyword;
      }
    }
    if (isPunct(token, '[')) {
      this.lexer.next();
      return this.parseArrayLiteral(token);
    }
    return this.parseRestrictedOperand('argument');
  }

  /** `index = [ "-" ] number | string | atom | path`. */
  private parseIndex(): ExpressionNode {
    return this.parseRestrictedOperand('index');
  }

  /** The forms shared by arguments and indexes: signed number, string, atom or path. */
  private parseRestrictedOperand(what: 'argument' | 'index'): ExpressionNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'number':
      case 'string':
      case 'atom':
        return this.scalarLiteral(token);
      case 'punct':
        if (token.symbol === '-') {
          const number = this.lexer.next();
          if (number.kind !== 'number') syntaxError(number.start, `expected a number after "-" in an ${what}`);
          // `-0` is normalised to 0 like every other number.
          return this.literal(token, number.value === 0 ? 0 : -number.value);
        }
        break;
      case 'variable':
        return this.parseSegments({ kind: 'variable', position: this.position(token), scope: 'context', name: token.name });
      case 'word':
        if (!RESERVED_WORDS.has(token.name)) {
          return this.parseSegments({ kind: 'variable', position: this.position(token), scope: 'local', name: token.name });
        }
        break;
      default:
        break;
    }
    const allowed = what === 'argument' ? 'a literal or a path' : 'a number, string, atom or path';
    return syntaxError(token.start, `an ${what} must be ${allowed}, found ${describeToken(token)}`);
  }
}
