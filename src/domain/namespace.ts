/**
 * Namespaces: every graph registration, execution and task belongs to exactly one. An execution's
 * namespace is part of its id: ids in the `default` namespace are bare (`order-1`, a UUID, `req-…`,
 * `child-…`), ids in any other namespace start with the namespace and a slash (`acme/order-1`).
 * Bare ids never contain a slash (caller-chosen ids are refused with one), so the id alone tells
 * which namespace an execution, its children and its tasks belong to, on every replica and after
 * any crash, with nothing to look up.
 */

/** The namespace of calls that name none: a single-team deployment uses only this one. */
export const DEFAULT_NAMESPACE = 'default';

/** A namespace name: 1 to 63 lower-case letters, digits and inner hyphens (a DNS label). */
export const NAMESPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The rule NAMESPACE_PATTERN enforces, as error messages state it. */
export const NAMESPACE_RULE = 'must be 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit';

/** True when `name` is a valid namespace name. */
export function isNamespaceName(name: string): boolean {
  return NAMESPACE_PATTERN.test(name);
}

/** The namespace an execution id belongs to. */
export function namespaceOfId(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? DEFAULT_NAMESPACE : id.slice(0, slash);
}

/** What ids of `namespace` start with: nothing for the default namespace, else `namespace/`. */
export function idPrefix(namespace: string): string {
  return namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
}

/**
 * The full id of an execution a caller of `namespace` names: an id already carrying the namespace's
 * prefix is taken as it is, a bare one gets the prefix. An id of another namespace stays outside this
 * one (`beta/x` named in `acme` is `acme/beta/x`, which names nothing).
 */
export function qualifiedId(namespace: string, id: string): string {
  const prefix = idPrefix(namespace);
  return prefix === '' || id.startsWith(prefix) ? id : `${prefix}${id}`;
}

/** True when the execution id belongs to `namespace`. */
export function inNamespace(namespace: string, id: string): boolean {
  return namespaceOfId(id) === namespace && (namespace !== DEFAULT_NAMESPACE || !id.includes('/'));
}
