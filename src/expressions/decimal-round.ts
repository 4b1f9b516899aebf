/**
 * The digits of `abs × 10^places` rounded half away from zero, decided on the shortest decimal
 * representation of `abs` (`Number::toString`), as an integer digit string without leading zeros.
 * `abs` must be finite and ≥ 0. Example: `scaledDigits(1.005, 2)` is `"101"`.
 */
export function scaledDigits(abs: number, places: number): string {
  const text = String(abs);
  const exponentAt = text.indexOf('e');
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? 0 : Number(text.slice(exponentAt + 1));
  const pointAt = mantissa.indexOf('.');
  const integerPart = pointAt === -1 ? mantissa : mantissa.slice(0, pointAt);
  const digits = pointAt === -1 ? mantissa : integerPart + mantissa.slice(pointAt + 1);
  // The value is 0.d1d2…dn × 10^point; keep the first `keep` digits.
  const point = integerPart.length + exponent;
  const keep = point + places;
  let kept: string;
  if (keep >= digits.length) {
    kept = digits + '0'.repeat(keep - digits.length);
  } else if (keep < 0) {
    kept = '0';
  } else {
    kept = keep === 0 ? '0' : digits.slice(0, keep);
    if (digits.charCodeAt(keep) >= 0x35) kept = incrementDigits(kept);
  }
  const firstNonZero = kept.search(/[1-9]/);
  return firstNonZero === -1 ? '0' : kept.slice(firstNonZero);
}

/** Adds one to a decimal digit string. */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 0x39) i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
}

/**
 * Rounds to `places` decimals, ties away from zero on the shortest decimal representation
 *: `2.5` → 3, `-2.5` → -3, `1.005` at 2 places → 1.01. Never `-0`.
 */
export function roundHalfAwayFromZero(value: number, places: number): number {
  const digits = scaledDigits(Math.abs(value), places);
  const magnitude = Number(places === 0 ? digits : `${digits}e-${places}`);
  const result = value < 0 ? -magnitude : magnitude;
  return result === 0 ? 0 : result;
}
