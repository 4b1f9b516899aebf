/** A place in a template string: 1-based line and column, counted in code points. */
export interface SourcePosition {
  /** UTF-16 offset into the template string. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Turns UTF-16 offsets into line/column positions. Lines end at LF (so CRLF also counts once).
 * Queries are mostly increasing while parsing, so the tracker walks forward from the last answer
 * and only restarts from the beginning when asked about an earlier offset.
 */
export class PositionTracker {
  private offset = 0;
  private line = 1;
  private column = 1;

  /** Creates a tracker over one template string. */
  constructor(private readonly source: string) {}

  /** The position of the UTF-16 offset `target` (clamped to the string). */
  at(target: number): SourcePosition {
    const end = Math.min(Math.max(target, 0), this.source.length);
    if (end < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.column = 1;
    }
    const source = this.source;
    let offset = this.offset;
    let line = this.line;
    let column = this.column;
    while (offset < end) {
      const unit = source.charCodeAt(offset);
      if (unit === 0x0a) {
        line++;
        column = 1;
        offset++;
        continue;
      }
      // A surrogate pair is one code point; a lone surrogate counts as one on its own.
      if (unit >= 0xd800 && unit <= 0xdbff && offset + 1 < end) {
        const next = source.charCodeAt(offset + 1);
        if (next >= 0xdc00 && next <= 0xdfff) offset++;
      }
      offset++;
      column++;
    }
    this.offset = offset;
    this.line = line;
    this.column = column;
    return { offset: end, line, column };
  }
}
