// docs/node-catalog.md is generated from the node types: it must match them (run `npm run docs:catalog`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_CATALOG_DOC, renderNodeCatalog } from '../../../scripts/node-catalog-doc.js';

describe('docs/node-catalog.md', () => {
  it('matches the catalog the service serves (regenerate with npm run docs:catalog)', () => {
    expect(readFileSync(NODE_CATALOG_DOC, 'utf8')).toBe(renderNodeCatalog());
  });
});
