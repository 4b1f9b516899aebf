import { syntaxError } from './template-syntax-error.js';
import type { Punctuator, Token } from './tokens.js';

/** Which block a lexer reads: an output `{{ … }}` or a tag `{% … %}`. */
export type BlockMode = 'output' | 'tag';

const CHAR_0 = 0x30;
const CHAR_9 = 0x39;

/** True for the characters that may start an identifier: `[A-Za-z_]`. */
export function isIdentifierStart(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || unit === 0x5f;
}

/** True for the characters that may continue an identifier: `[A-Za-z0-9_]`. */
export function isIdentifierPart(unit: number): boolean {
  return isIdentifierStart(unit) || (unit >= CHAR_0 && unit <= CHAR_9);
}

/** True for the whitespace allowed between tokens: space, tab, CR, LF. */
export function isBlockWhitespace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0d || unit === 0x0a;
}

function isDigit(unit: number): boolean {
  return unit >= CHAR_0 && unit <= CHAR_9;
}

function hexValue(unit: number): number {
  if (unit >= CHAR_0 && unit <= CHAR_9) return unit - CHAR_0;
  if (unit >= 0x61 && unit <= 0x66) return unit - 0x61 + 10;
  if (unit >= 0x41 && unit <= 0x46) return unit - 0x41 + 10;
  return -1;
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/**
 * Splits the inside of one block into tokens, ending with the `close` token of
 * the block's delimiter. The closing delimiter is recognised only outside string literals, and `-}}`
 * / `-%}` is always a trimming close.
 */
export class BlockLexer {
  private position: number;
  private peeked: Token | undefined = undefined;

  /**
   * Starts reading at `start`, just after the opening delimiter at `openOffset`.
   */
  constructor(
    private readonly source: string,
    start: number,
    private readonly mode: BlockMode,
    private readonly openOffset: number,
  ) {
    this.position = start;
  }

  /** The next token without consuming it. */
  peek(): Token {
    if (this.peeked === undefined) this.peeked = this.read();
    return this.peeked;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  /** True when the character right after `offset` is block whitespace (used for `if WS expr`). */
  whitespaceAt(offset: number): boolean {
    return offset < this.source.length && isBlockWhitespace(this.source.charCodeAt(offset));
  }

  private read(): Token {
    const source = this.source;
    let i = this.position;
    while (i < source.length && isBlockWhitespace(source.charCodeAt(i))) i++;
    if (i >= source.length) {
      const open = this.mode === 'output' ? '{{' : '{%';
      const close = this.mode === 'output' ? '}}' : '%}';
      syntaxError(this.openOffset, `"${open}" is not closed with "${close}"`);
    }
    const start = i;
    const unit = source.charCodeAt(i);
    if (isIdentifierStart(unit)) {
      i++;
      while (i < source.length && isIdentifierPart(source.charCodeAt(i))) i++;
      this.position = i;
      return { kind: 'word', start, end: i, name: source.slice(start, i) };
    }
    if (isDigit(unit)) return this.readNumber(start);
    switch (unit) {
      case 0x22: // "
      case 0x27: // '
        return this.readString(start, unit);
      case 0x24: // $
      case 0x3a: {
        // :
        let j = i + 1;
        if (j >= source.length || !isIdentifierStart(source.charCodeAt(j))) {
          syntaxError(start, unit === 0x24 ? '"$" must be followed by a name' : '":" must be followed by a name');
        }
        while (j < source.length && isIdentifierPart(source.charCodeAt(j))) j++;
        this.position = j;
        const name = source.slice(i + 1, j);
        return unit === 0x24 ? { kind: 'variable', start, end: j, name } : { kind: 'atom', start, end: j, name };
      }
      case 0x2d: // -
        if (this.mode === 'output' && source.startsWith('}}', i + 1)) return this.close(start, i + 3, true);
        if (this.mode === 'tag' && source.startsWith('%}', i + 1)) return this.close(start, i + 3, true);
        return this.punct(start, '-', 1);
      case 0x7d: // }
        if (this.mode === 'output' && source.charCodeAt(i + 1) === 0x7d) return this.close(start, i + 2, false);
        return syntaxError(start, 'unexpected "}"');
      case 0x25: // %
        if (this.mode === 'tag' && source.charCodeAt(i + 1) === 0x7d) return this.close(start, i + 2, false);
        return this.punct(start, '%', 1);
      case 0x2e: // .
        if (isDigit(source.charCodeAt(i + 1))) syntaxError(start, 'a number must have a digit before "."');
        return this.punct(start, '.', 1);
      case 0x3d: // =
        return source.charCodeAt(i + 1) === 0x3d ? this.punct(start, '==', 2) : this.punct(start, '=', 1);
      case 0x21: // !
        return source.charCodeAt(i + 1) === 0x3d ? this.punct(start, '!=', 2) : this.punct(start, '!', 1);
      case 0x3c: // <
        return source.charCodeAt(i + 1) === 0x3d ? this.punct(start, '<=', 2) : this.punct(start, '<', 1);
      case 0x3e: // >
        return source.charCodeAt(i + 1) === 0x3d ? this.punct(start, '>=', 2) : this.punct(start, '>', 1);
      case 0x26: // &
        if (source.charCodeAt(i + 1) === 0x26) return this.punct(start, '&&', 2);
        return syntaxError(start, 'unexpected "&" (did you mean "&&"?)');
      case 0x7c: // |
        return source.charCodeAt(i + 1) === 0x7c ? this.punct(start, '||', 2) : this.punct(start, '|', 1);
      case 0x2b:
        return this.punct(start, '+', 1);
      case 0x2a:
        return this.punct(start, '*', 1);
      case 0x2f:
        return this.punct(start, '/', 1);
      case 0x28:
        return this.punct(start, '(', 1);
      case 0x29:
        return this.punct(start, ')', 1);
      case 0x5b:
        return this.punct(start, '[', 1);
      case 0x5d:
        return this.punct(start, ']', 1);
      case 0x2c:
        return this.punct(start, ',', 1);
      default: {
        const codePoint = source.codePointAt(i) ?? unit;
        return syntaxError(start, `unexpected character ${JSON.stringify(String.fromCodePoint(codePoint))}`);
      }
    }
  }

  private punct(start: number, symbol: Punctuator, length: number): Token {
    this.position = start + length;
    return { kind: 'punct', start, end: start + length, symbol };
  }

  private close(start: number, end: number, trim: boolean): Token {
    this.position = end;
    return { kind: 'close', start, end, trim };
  }

  private readNumber(start: number): Token {
    const source = this.source;
    let i = start;
    if (source.charCodeAt(i) === CHAR_0) {
      i++;
      if (isDigit(source.charCodeAt(i))) syntaxError(start, 'a number cannot have leading zeros');
    } else {
      while (isDigit(source.charCodeAt(i))) i++;
    }
    if (source.charCodeAt(i) === 0x2e) {
      if (!isDigit(source.charCodeAt(i + 1))) syntaxError(start, 'a number cannot end with "."');
      i++;
      while (isDigit(source.charCodeAt(i))) i++;
    }
    const e = source.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = source.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(source.charCodeAt(i))) syntaxError(start, 'a number exponent needs digits');
      while (isDigit(source.charCodeAt(i))) i++;
    }
    if (i < source.length && (isIdentifierPart(source.charCodeAt(i)) || source.charCodeAt(i) === 0x2e)) {
      if (source.charCodeAt(i) !== 0x2e || isDigit(source.charCodeAt(i + 1))) {
        syntaxError(start, `invalid number ${JSON.stringify(source.slice(start, i + 1))}`);
      }
    }
    const value = Number(source.slice(start, i));
    if (!Number.isFinite(value)) syntaxError(start, 'number literal is too large');
    this.position = i;
    return { kind: 'number', start, end: i, value };
  }

  private readString(start: number, quote: number): Token {
    const source = this.source;
    let i = start + 1;
    let value = '';
    let chunkStart = i;
    for (;;) {
      if (i >= source.length) syntaxError(start, 'unterminated string literal');
      const unit = source.charCodeAt(i);
      if (unit === quote) break;
      if (unit !== 0x5c) {
        i++;
        continue;
      }
      value += source.slice(chunkStart, i);
      const escape = source.charAt(i + 1);
      if (escape === 'u') {
        let code = 0;
        for (let k = 2; k < 6; k++) {
          const digit = hexValue(source.charCodeAt(i + k));
          if (digit < 0) syntaxError(i, 'invalid \\u escape: four hex digits are required');
          code = code * 16 + digit;
        }
        // Consecutive \uXXXX escapes of a high and a low surrogate form one code point, as in JSON.
        value += String.fromCharCode(code);
        i += 6;
      } else {
        const replacement = SIMPLE_ESCAPES.get(escape);
        if (replacement === undefined) {
          syntaxError(i, escape === '' ? 'unterminated string literal' : `invalid escape "\\${escape}"`);
        }
        value += replacement;
        i += 2;
      }
      chunkStart = i;
    }
    value += source.slice(chunkStart, i);
    this.position = i + 1;
    return { kind: 'string', start, end: i + 1, value };
  }
}
