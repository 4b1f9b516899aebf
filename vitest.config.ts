import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Provides 'mongoUri' (MONGODB_URI, or a Go-built FerretDB test server); see test/support/mongo.ts.
    globalSetup: ['test/support/mongo-global-setup.ts'],
  },
});
