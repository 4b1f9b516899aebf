import type { compileParams } from '../expressions/index.js';
import type { NodeRegistry } from '../nodes/kit/registry.js';

/** The template limits the expression compiler accepts. */
export type TemplateLimits = NonNullable<NonNullable<Parameters<typeof compileParams>[1]>['limits']>;

/** Service limits that compilation enforces. */
export interface CompilerLimits {
  readonly maxNodes: number;
  readonly maxConnections: number;
  /** The highest `settings.max_loop_iterations` a workflow may set. */
  readonly maxLoopIterationsCeiling: number;
  /** Passed to the expression compiler; absent fields take its defaults. */
  readonly templates: TemplateLimits;
}

/** The defaults of the execution semantics. */
export const DEFAULT_COMPILER_LIMITS: CompilerLimits = Object.freeze({
  maxNodes: 1000,
  maxConnections: 5000,
  maxLoopIterationsCeiling: 1_000_000,
  templates: Object.freeze({}) as TemplateLimits,
});

/** What compileWorkflow needs besides the definition. */
export interface CompileOptions {
  readonly registry: NodeRegistry;
  readonly limits?: Partial<CompilerLimits>;
  /** Ids of stored graphs, for check 24 (`sub_workflow_not_found`); omitted, the check is skipped. */
  readonly knownGraphIds?: ReadonlySet<string>;
}

/** Fills absent limits with the defaults. */
export function effectiveLimits(limits: Partial<CompilerLimits> | undefined): CompilerLimits {
  return { ...DEFAULT_COMPILER_LIMITS, ...stripUndefined(limits ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
