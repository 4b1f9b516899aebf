/** Compile-time limits of the expression language. */
export interface CompileLimits {
  /** Maximum UTF-8 size of one template string. */
  maxTemplateBytes: number;
  /** Maximum nesting depth of expressions, and separately of `if`/`for` tags. */
  maxDepth: number;
}

/** Run-time limits of the expression language. */
export interface RenderLimits {
  /** Maximum items of one `for` loop or directive collection. */
  maxCollectionItems: number;
  /** Maximum loop iterations (tags and directives together) in one render call. */
  maxTotalIterations: number;
  /** Maximum UTF-8 size of one rendered string. */
  maxStringBytes: number;
  /** Maximum JSON size (UTF-8) of the rendered params of one render call. */
  maxRenderedBytes: number;
}

/** The service defaults for compile-time limits. */
export const DEFAULT_COMPILE_LIMITS: CompileLimits = Object.freeze({
  maxTemplateBytes: 100_000,
  maxDepth: 64,
});

/** The service defaults for run-time limits. */
export const DEFAULT_RENDER_LIMITS: RenderLimits = Object.freeze({
  maxCollectionItems: 10_000,
  maxTotalIterations: 100_000,
  maxStringBytes: 1024 * 1024,
  maxRenderedBytes: 4 * 1024 * 1024,
});

/** Fills absent compile limits with the defaults. */
export function resolveCompileLimits(limits: Partial<CompileLimits> | undefined): CompileLimits {
  if (limits === undefined) return DEFAULT_COMPILE_LIMITS;
  return {
    maxTemplateBytes: limits.maxTemplateBytes ?? DEFAULT_COMPILE_LIMITS.maxTemplateBytes,
    maxDepth: limits.maxDepth ?? DEFAULT_COMPILE_LIMITS.maxDepth,
  };
}

/** Fills absent render limits with the defaults. */
export function resolveRenderLimits(limits: Partial<RenderLimits> | undefined): RenderLimits {
  if (limits === undefined) return DEFAULT_RENDER_LIMITS;
  return {
    maxCollectionItems: limits.maxCollectionItems ?? DEFAULT_RENDER_LIMITS.maxCollectionItems,
    maxTotalIterations: limits.maxTotalIterations ?? DEFAULT_RENDER_LIMITS.maxTotalIterations,
    maxStringBytes: limits.maxStringBytes ?? DEFAULT_RENDER_LIMITS.maxStringBytes,
    maxRenderedBytes: limits.maxRenderedBytes ?? DEFAULT_RENDER_LIMITS.maxRenderedBytes,
  };
}
