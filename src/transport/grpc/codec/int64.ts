/** Encodes a whole number as an int64 field (ts-proto carries int64 as a decimal string). */
export function encodeInt64(value: number): string {
  return String(Math.trunc(value));
}
