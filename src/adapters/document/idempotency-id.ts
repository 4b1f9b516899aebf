/**
 * The stored id of an idempotency record, `${scope}:${key}`. Scopes are the service's own names and
 * never contain ':', which keeps the id unambiguous for any key.
 */
export function idempotencyId(scope: string, key: string): string {
  if (scope.includes(':')) throw new Error(`idempotency scope ${JSON.stringify(scope)} contains ':'`);
  return `${scope}:${key}`;
}

/** True when `scope` is one of `scopes` or a namespaced variant of one (`start/acme` of `start`). */
export function scopeCovered(scopes: readonly string[], scope: string): boolean {
  const slash = scope.indexOf('/');
  return scopes.includes(slash < 0 ? scope : scope.slice(0, slash));
}

/** A regular expression matching the namespaced variants of `scopes` (prefix-anchored, so an index serves it). */
export function namespacedScopesPattern(scopes: readonly string[]): RegExp {
  return new RegExp(`^(?:${scopes.map((scope) => scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/`);
}
