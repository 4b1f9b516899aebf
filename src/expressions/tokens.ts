/** Operators and punctuation inside a block. */
export type Punctuator =
  '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '!' | '&&' | '||' | '|' | '(' | ')' | '[' | ']' | ',' | '.' | '=';

/** One token inside `{{ … }}` or `{% … %}`; `start`/`end` are UTF-16 offsets into the template. */
export type Token =
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'atom'; readonly start: number; readonly end: number; readonly name: string }
  | { readonly kind: 'word'; readonly start: number; readonly end: number; readonly name: string }
  | { readonly kind: 'variable'; readonly start: number; readonly end: number; readonly name: string }
  | { readonly kind: 'punct'; readonly start: number; readonly end: number; readonly symbol: Punctuator }
  | { readonly kind: 'close'; readonly start: number; readonly end: number; readonly trim: boolean };

/** Words that can never be local names. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'nil', 'and', 'or', 'not']);

/** A short description of a token for error details. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `number ${token.value}`;
    case 'string':
      return 'string literal';
    case 'atom':
      return `atom :${token.name}`;
    case 'word':
      return `"${token.name}"`;
    case 'variable':
      return `"$${token.name}"`;
    case 'punct':
      return `"${token.symbol}"`;
    case 'close':
      return 'end of block';
  }
}
