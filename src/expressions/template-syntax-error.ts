/**
 * A syntax error found while parsing one template, at a UTF-16 offset. Thrown inside the parser
 * and turned into a `template_syntax_error` diagnostic by `parseTemplate`.
 */
export class TemplateSyntaxError {
  /** Creates an error at `offset` with a human-readable detail. */
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {}
}

/** Throws a syntax error at the offset. */
export function syntaxError(offset: number, detail: string): never {
  throw new TemplateSyntaxError(offset, detail);
}
