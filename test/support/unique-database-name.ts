import { randomBytes } from 'node:crypto';

// MongoDB allows 63 bytes; FerretDB also limits names to [a-zA-Z0-9_-].
const MAX_LABEL = 40;

/** A database name of the form test_<label>_<random>, unique per call, valid for MongoDB and FerretDB. */
export function uniqueDatabaseName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LABEL);
  return `test_${slug || 'db'}_${randomBytes(6).toString('hex')}`;
}
