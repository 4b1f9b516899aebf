import { scaledDigits } from '../decimal-round.js';
import { boundedTextForm } from '../text-form.js';
import { filterFail, type FilterFunction } from './filter-function.js';

/** Currency symbols of `format_currency`. */
const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['USD', '$'],
  ['EUR', '€'],
  ['GBP', '£'],
]);

/** Inserts `,` between groups of three digits. */
function groupThousands(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const chunk = digits.slice(Math.max(0, end - 3), end);
    out = out === '' ? chunk : `${chunk},${out}`;
  }
  return out;
}

/**
 * `format_currency(code = "USD")`: `[-]` + symbol + the absolute value rounded to 2 decimals
 * (the rule of `round`), with `,` between thousands. The code is case-insensitive; `null` means
 * the default. The minus sign appears only when the rounded amount is not zero.
 */
export const formatCurrency: FilterFunction = (value, code) => {
  if (typeof value !== 'number') return filterFail('format_currency', 'format_currency can only be applied to numbers');
  const requested = code === undefined || code === null ? 'USD' : boundedTextForm(code, 256).toUpperCase();
  const symbol = CURRENCY_SYMBOLS.get(requested);
  if (symbol === undefined) return filterFail('format_currency', `unsupported currency: ${requested}; supported: USD, EUR, GBP`);
  const digits = scaledDigits(Math.abs(value), 2).padStart(3, '0');
  const amount = `${groupThousands(digits.slice(0, -2))}.${digits.slice(-2)}`;
  const negative = value < 0 && /[1-9]/.test(digits);
  return `${negative ? '-' : ''}${symbol}${amount}`;
};
