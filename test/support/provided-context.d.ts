// Values the vitest globalSetup hands to test files through provide/inject.
import 'vitest';

declare module 'vitest' {
  /** Keys that globalSetup files provide and tests read with inject(). */
  export interface ProvidedContext {
    /** MongoDB URI for the tests (MONGODB_URI, or the Go-built test server); null when none is available. */
    mongoUri: string | null;
  }
}
