/**
 * The UTF-8 size of a string in bytes (a lone surrogate counts 3 bytes, as its replacement
 * character would). Scans at most until the size exceeds `stopAbove`, then returns that partial
 * size, so callers checking a limit pay only for what they need.
 */
export function utf8Length(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}

/** True when the string's UTF-8 size exceeds `maxBytes`; cheap for strings that are clearly small. */
export function exceedsUtf8(text: string, maxBytes: number): boolean {
  // UTF-8 needs at least one and at most three bytes per UTF-16 code unit.
  if (text.length * 3 <= maxBytes) return false;
  if (text.length > maxBytes) return true;
  return utf8Length(text, maxBytes) > maxBytes;
}
