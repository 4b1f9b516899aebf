import { codePointLength, codePointSlice } from '../code-points.js';
import { boundedTextForm } from '../text-form.js';
import { filterFail, type FilterFunction } from './filter-function.js';

/** `upper_case`: the text form, upper-cased (locale-independent). */
export const upperCase: FilterFunction = (value, _a, _b, run) => boundedTextForm(value, run.maxStringBytes).toUpperCase();

/** `lower_case`: the text form, lower-cased. */
export const lowerCase: FilterFunction = (value, _a, _b, run) => boundedTextForm(value, run.maxStringBytes).toLowerCase();

/** `capitalize`: first code point upper-cased, the rest lower-cased. */
export const capitalize: FilterFunction = (value, _a, _b, run) => {
  const text = boundedTextForm(value, run.maxStringBytes);
  if (text === '') return '';
  const width = (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
  return text.slice(0, width).toUpperCase() + text.slice(width).toLowerCase();
};

/** `strip`: the text form without leading and trailing whitespace (ECMAScript `trim`). */
export const strip: FilterFunction = (value, _a, _b, run) => boundedTextForm(value, run.maxStringBytes).trim();

/** `truncate(length, suffix = "...")`, measured in code points. */
export const truncate: FilterFunction = (value, length, suffix) => {
  const ending = suffix === undefined ? '...' : suffix;
  if (typeof value !== 'string' || typeof length !== 'number' || !Number.isInteger(length) || length < 0 || typeof ending !== 'string') {
    return filterFail('truncate', 'truncate filter requires a string and a length parameter');
  }
  if (codePointLength(value) <= length) return value;
  const endingLength = codePointLength(ending);
  if (length > endingLength) return codePointSlice(value, 0, length - endingLength) + ending;
  return codePointSlice(ending, 0, length);
};

/** `default(x)`: `x` when the value is `null` or `""`, else the value. */
export const defaultFilter: FilterFunction = (value, fallback) => (value === null || value === '' ? (fallback ?? null) : value);
