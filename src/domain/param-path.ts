/** One step of a path into params or a definition: an object key or an array position. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Appends one segment to an already formatted path, as the execution semantics says: identifier keys with a
 * dot, other keys as a JSON string in brackets, array positions as [i]; so `params` + `headers` +
 * `X-Api-Key` is `params.headers["X-Api-Key"]`.
 */
export function appendPath(path: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}
