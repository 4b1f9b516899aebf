/** The number of code points of a string (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let count = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The UTF-16 offset where code point number `index` starts (or the string length). */
function offsetOfCodePoint(text: string, index: number): number {
  let offset = 0;
  const length = text.length;
  for (let n = 0; n < index && offset < length; n++) {
    const unit = text.charCodeAt(offset);
    if (unit >= 0xd800 && unit <= 0xdbff && offset + 1 < length) {
      const next = text.charCodeAt(offset + 1);
      if (next >= 0xdc00 && next <= 0xdfff) offset++;
    }
    offset++;
  }
  return offset;
}

/** The code points `[start, end)` of a string, by code-point positions. */
export function codePointSlice(text: string, start: number, end: number): string {
  const from = offsetOfCodePoint(text, start);
  const to = from + offsetOfCodePoint(text.slice(from), end - start);
  return text.slice(from, to);
}

/** The string with its code points in reverse order. */
export function reverseCodePoints(text: string): string {
  return Array.from(text).reverse().join('');
}

/** Maps a UTF-16 code unit so that comparing mapped units orders strings by code point. */
function codePointOrderUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Compares strings by Unicode code point; a proper prefix is smaller. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrderUnit(x) - codePointOrderUnit(y);
  }
  return a.length - b.length;
}
