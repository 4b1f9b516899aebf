/**
 * The stored id of an idempotency record, `${scope}:${key}`. Scopes are the service's own names and
 * never contain ':', which keeps the id unambiguous for any key.
 */
export function idempotencyId(scope: string, key: string): string {
  if (scope.includes(':')) throw new Error(`idempotency scope ${JSON.stringify(scope)} contains ':'`);
  return `${scope}:${key}`;
}
