/** Copies a decoded `map<string, string>` of labels into a plain object of its own keys. */
export function decodeLabels(labels: { readonly [key: string]: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels)) out[key] = labels[key] as string;
  return out;
}
