import { formatCurrency } from './currency-filter.js';
import type { FilterFunction } from './filter-function.js';
import type { FilterName } from './filter-signatures.js';
import * as lists from './list-filters.js';
import * as math from './math-filters.js';
import * as records from './record-filters.js';
import * as strings from './string-filters.js';

/** The implementation of every built-in filter; the only functions a template can call. */
export const FILTERS: Readonly<Record<FilterName, FilterFunction>> = Object.freeze({
  upper_case: strings.upperCase,
  lower_case: strings.lowerCase,
  capitalize: strings.capitalize,
  strip: strings.strip,
  truncate: strings.truncate,
  default: strings.defaultFilter,
  format_currency: formatCurrency,
  length: lists.length,
  first: lists.first,
  last: lists.last,
  join: lists.join,
  sort: lists.sort,
  reverse: lists.reverse,
  uniq: lists.uniq,
  slice: lists.slice,
  contains: lists.contains,
  compact: lists.compact,
  flatten: lists.flatten,
  sum: lists.sum,
  keys: lists.keys,
  values: lists.values,
  group_by: records.groupBy,
  map: records.mapField,
  filter: records.filterItems,
  reject: records.rejectItems,
  dump: lists.dump,
  abs: math.abs,
  ceil: math.ceil,
  floor: math.floor,
  round: math.round,
  max: math.max,
  min: math.min,
  power: math.power,
  sqrt: math.sqrt,
  mod: math.mod,
  clamp: math.clamp,
});
