import type { Block, ExpressionNode, IfBlock, Template, TextBlock } from './ast.js';
import { ExpressionParser, type FilterUseListener } from './expression-parser.js';
import { BlockLexer, type BlockMode } from './lexer.js';
import { PositionTracker, type SourcePosition } from './source-position.js';
import { syntaxError } from './template-syntax-error.js';
import { describeToken, RESERVED_WORDS, type Token } from './tokens.js';

/** A text block whose text may still be trimmed by the block after it. */
interface MutableText {
  kind: 'text';
  position: SourcePosition;
  text: string;
}

/** An open `if` or `for` tag whose body is being filled, or the template root. */
type Frame =
  | { readonly kind: 'root'; readonly body: Block[] }
  | {
      readonly kind: 'if';
      readonly offset: number;
      readonly position: SourcePosition;
      readonly branches: { condition: ExpressionNode; body: Block[] }[];
      otherwise: Block[] | null;
    }
  | {
      readonly kind: 'for';
      readonly offset: number;
      readonly position: SourcePosition;
      readonly variable: string;
      readonly iterable: ExpressionNode;
      readonly body: Block[];
    };

function activeBody(frame: Frame): Block[] {
  switch (frame.kind) {
    case 'root':
    case 'for':
      return frame.body;
    case 'if':
      return frame.otherwise ?? frame.branches[frame.branches.length - 1]!.body;
  }
}

/** Removes text blocks that trimming emptied. */
function withoutEmptyText(body: Block[]): Block[] {
  return body.some((block) => block.kind === 'text' && block.text === '') ? body.filter((block) => block.kind !== 'text' || block.text !== '') : body;
}

/** Finds the next `{{`, `{%` or `{#` at or after `from`, or -1. */
function nextMarker(source: string, from: number): number {
  let i = source.indexOf('{', from);
  while (i !== -1) {
    const next = source.charCodeAt(i + 1);
    if (next === 0x7b || next === 0x25 || next === 0x23) return i;
    i = source.indexOf('{', i + 1);
  }
  return -1;
}

/**
 * Parses the block structure of a template: text, outputs, tags and
 * comments, with trim markers applied to the adjacent text. Throws `TemplateSyntaxError`.
 */
export function parseTemplateStructure(source: string, maxDepth: number, onFilter: FilterUseListener): Template {
  const positions = new PositionTracker(source);
  const frames: Frame[] = [{ kind: 'root', body: [] }];
  let previousText: MutableText | null = null;
  let trimNextText = false;
  let pieces = 0;
  let firstPieceIsOutput = false;
  let i = 0;

  const top = (): Frame => frames[frames.length - 1]!;
  const emit = (block: Block): void => {
    activeBody(top()).push(block);
  };
  const trimPrevious = (): void => {
    if (previousText !== null) previousText.text = previousText.text.trimEnd();
  };

  while (i < source.length) {
    const marker = nextMarker(source, i);
    const textEnd = marker === -1 ? source.length : marker;
    if (textEnd > i) {
      let text = source.slice(i, textEnd);
      if (trimNextText) text = text.trimStart();
      const block: MutableText = { kind: 'text', position: positions.at(i), text };
      emit(block as TextBlock);
      previousText = block;
      trimNextText = false;
      pieces++;
      i = textEnd;
      continue;
    }
    pieces++;
    const kind = source.charCodeAt(marker + 1);
    if (kind === 0x23) {
      // {# … #}: ends at the first #}; does not nest, takes no trim markers.
      const end = source.indexOf('#}', marker + 2);
      if (end === -1) syntaxError(marker, '"{#" is not closed with "#}"');
      emit({ kind: 'comment', position: positions.at(marker), text: source.slice(marker + 2, end) });
      previousText = null;
      trimNextText = false;
      i = end + 2;
      continue;
    }
    const mode: BlockMode = kind === 0x7b ? 'output' : 'tag';
    const trimBefore = source.charCodeAt(marker + 2) === 0x2d;
    if (trimBefore) trimPrevious();
    previousText = null;
    const lexer = new BlockLexer(source, marker + (trimBefore ? 3 : 2), mode, marker);
    const parser = new ExpressionParser(lexer, positions, maxDepth, onFilter);
    const position = positions.at(marker);
    let close: Token;
    if (mode === 'output') {
      if (pieces === 1 && marker === 0) firstPieceIsOutput = true;
      const expression = parser.parseExpression();
      close = expectClose(lexer);
      emit({ kind: 'output', position, expression, trimBefore, trimAfter: close.kind === 'close' && close.trim });
    } else {
      close = parseTag(lexer, parser, frames, marker, position, maxDepth, emit);
    }
    trimNextText = close.kind === 'close' && close.trim;
    i = close.end;
  }

  const last = top();
  if (last.kind !== 'root') {
    const open = last.kind === 'if' ? '{% if %}' : '{% for %}';
    const end = last.kind === 'if' ? '{% endif %}' : '{% endfor %}';
    syntaxError(last.offset, `"${open}" is not closed with "${end}"`);
  }
  return {
    kind: 'template',
    source,
    body: withoutEmptyText(last.body),
    single: pieces === 1 && firstPieceIsOutput,
  };
}

function expectClose(lexer: BlockLexer): Token {
  const token = lexer.next();
  if (token.kind !== 'close') syntaxError(token.start, `unexpected ${describeToken(token)}; expected the end of the block`);
  return token;
}

function requireWhitespaceAfter(lexer: BlockLexer, token: Token, keyword: string): void {
  if (!lexer.whitespaceAt(token.end)) syntaxError(token.end, `expected whitespace after "${keyword}"`);
}

function localName(lexer: BlockLexer, what: string): string {
  const token = lexer.next();
  if (token.kind !== 'word') syntaxError(token.start, `expected a ${what}, found ${describeToken(token)}`);
  if (RESERVED_WORDS.has(token.name)) syntaxError(token.start, `"${token.name}" is a reserved word and cannot be a ${what}`);
  return token.name;
}

/** Parses one `{% … %}` tag, updating the frame stack; returns the close token. */
function parseTag(
  lexer: BlockLexer,
  parser: ExpressionParser,
  frames: Frame[],
  offset: number,
  position: SourcePosition,
  maxDepth: number,
  emit: (block: Block) => void,
): Token {
  const keyword = lexer.next();
  if (keyword.kind !== 'word') {
    return syntaxError(keyword.start, keyword.kind === 'close' ? 'expected a tag name' : `expected a tag name, found ${describeToken(keyword)}`);
  }
  const top = frames[frames.length - 1]!;
  switch (keyword.name) {
    case 'if': {
      requireWhitespaceAfter(lexer, keyword, 'if');
      const condition = parser.parseExpression();
      const close = expectClose(lexer);
      if (frames.length > maxDepth) syntaxError(offset, `tag nesting depth exceeds maximum ${maxDepth}`);
      frames.push({ kind: 'if', offset, position, branches: [{ condition, body: [] }], otherwise: null });
      return close;
    }
    case 'elsif': {
      if (top.kind !== 'if') syntaxError(offset, '"{% elsif %}" without a matching "{% if %}"');
      if (top.otherwise !== null) syntaxError(offset, '"{% elsif %}" after "{% else %}"');
      requireWhitespaceAfter(lexer, keyword, 'elsif');
      const condition = parser.parseExpression();
      const close = expectClose(lexer);
      top.branches.push({ condition, body: [] });
      return close;
    }
    case 'else': {
      if (top.kind !== 'if') syntaxError(offset, '"{% else %}" without a matching "{% if %}"');
      if (top.otherwise !== null) syntaxError(offset, 'a second "{% else %}" in the same "{% if %}"');
      const close = expectClose(lexer);
      top.otherwise = [];
      return close;
    }
    case 'endif': {
      if (top.kind !== 'if') syntaxError(offset, '"{% endif %}" without a matching "{% if %}"');
      const close = expectClose(lexer);
      frames.pop();
      const block: IfBlock = {
        kind: 'if',
        position: top.position,
        branches: top.branches.map((branch) => ({ condition: branch.condition, body: withoutEmptyText(branch.body) })),
        otherwise: top.otherwise === null ? null : withoutEmptyText(top.otherwise),
      };
      emit(block);
      return close;
    }
    case 'for': {
      requireWhitespaceAfter(lexer, keyword, 'for');
      const variable = localName(lexer, 'loop variable');
      const inToken = lexer.next();
      if (inToken.kind !== 'word' || inToken.name !== 'in') {
        syntaxError(inToken.start, `expected "in" after the loop variable, found ${describeToken(inToken)}`);
      }
      requireWhitespaceAfter(lexer, inToken, 'in');
      const iterable = parser.parseExpression();
      const close = expectClose(lexer);
      if (frames.length > maxDepth) syntaxError(offset, `tag nesting depth exceeds maximum ${maxDepth}`);
      frames.push({ kind: 'for', offset, position, variable, iterable, body: [] });
      return close;
    }
    case 'endfor': {
      if (top.kind !== 'for') syntaxError(offset, '"{% endfor %}" without a matching "{% for %}"');
      const close = expectClose(lexer);
      frames.pop();
      emit({ kind: 'for', position: top.position, variable: top.variable, iterable: top.iterable, body: withoutEmptyText(top.body) });
      return close;
    }
    case 'assign': {
      requireWhitespaceAfter(lexer, keyword, 'assign');
      const name = localName(lexer, 'variable name');
      const equals = lexer.next();
      if (equals.kind !== 'punct' || equals.symbol !== '=') syntaxError(equals.start, `expected "=" after the variable name, found ${describeToken(equals)}`);
      const expression = parser.parseExpression();
      const close = expectClose(lexer);
      emit({ kind: 'assign', position, name, expression });
      return close;
    }
    default:
      return syntaxError(keyword.start, `unknown tag "${keyword.name}"`);
  }
}
