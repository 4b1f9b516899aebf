/** How many arguments after the value a filter accepts (inclusive bounds). */
export interface FilterArity {
  readonly min: number;
  readonly max: number;
}

/**
 * Every built-in filter and its argument range after the value. The
 * compiler checks names and argument counts against this table; `filter-registry.ts` must
 * implement exactly these names.
 */
export const FILTER_ARITY = {
  upper_case: { min: 0, max: 0 },
  lower_case: { min: 0, max: 0 },
  capitalize: { min: 0, max: 0 },
  strip: { min: 0, max: 0 },
  truncate: { min: 1, max: 2 },
  default: { min: 1, max: 1 },
  format_currency: { min: 0, max: 1 },
  length: { min: 0, max: 0 },
  first: { min: 0, max: 0 },
  last: { min: 0, max: 0 },
  join: { min: 0, max: 1 },
  sort: { min: 0, max: 0 },
  reverse: { min: 0, max: 0 },
  uniq: { min: 0, max: 0 },
  slice: { min: 1, max: 2 },
  contains: { min: 1, max: 1 },
  compact: { min: 0, max: 0 },
  flatten: { min: 0, max: 0 },
  sum: { min: 0, max: 0 },
  keys: { min: 0, max: 0 },
  values: { min: 0, max: 0 },
  group_by: { min: 1, max: 1 },
  map: { min: 1, max: 1 },
  filter: { min: 2, max: 2 },
  reject: { min: 2, max: 2 },
  dump: { min: 0, max: 0 },
  abs: { min: 0, max: 0 },
  ceil: { min: 0, max: 0 },
  floor: { min: 0, max: 0 },
  round: { min: 0, max: 1 },
  max: { min: 0, max: 1 },
  min: { min: 0, max: 1 },
  power: { min: 1, max: 1 },
  sqrt: { min: 0, max: 0 },
  mod: { min: 1, max: 1 },
  clamp: { min: 2, max: 2 },
} as const satisfies Readonly<Record<string, FilterArity>>;

/** The name of a built-in filter. */
export type FilterName = keyof typeof FILTER_ARITY;

/** True when `name` is a built-in filter (own key of the table only). */
export function isFilterName(name: string): name is FilterName {
  return Object.prototype.hasOwnProperty.call(FILTER_ARITY, name);
}
