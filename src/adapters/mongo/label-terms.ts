/**
 * Labels as an array of `key=value` strings, one multikey-indexed field that matches any label with
 * one equality (label keys may contain dots, which as field names would mean nesting). Label keys
 * never contain '=' (request limits allow [A-Za-z0-9_.-]), so the first '=' splits a term.
 */
export function labelTerms(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}

/** The labels of stored terms (see labelTerms). */
export function labelsOfTerms(terms: readonly string[]): Record<string, string> {
  // fromEntries defines own properties, so a key like __proto__ stays a plain label.
  return Object.fromEntries(
    terms.map((term) => {
      const at = term.indexOf('=');
      return [term.slice(0, at), term.slice(at + 1)];
    }),
  );
}
