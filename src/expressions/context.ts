import type { Json } from '../domain/json.js';

/** Root variables a plan may read; lets the engine build only what is used. */
export type RootName = 'input' | 'nodes' | 'env' | 'vars' | 'workflow' | 'execution' | 'now';

/** The evaluation context: `$input` reads `input`, etc. An absent field reads as null. Values are plain JSON. */
export interface ExpressionContext {
  readonly input?: Json;
  readonly nodes?: Json;
  readonly env?: Json;
  readonly vars?: Json;
  readonly workflow?: Json;
  readonly execution?: Json;
  readonly now?: string;
}
