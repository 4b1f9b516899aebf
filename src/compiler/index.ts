/** The compiler's public surface: Workflow → frozen CompiledGraph, or every diagnostic. */
export { compileWorkflow, type CompileResult } from './compile-workflow.js';
export { COMPILER_VERSION, graphIdOf } from './graph-id.js';
export { referencedGraphIds } from './sub-workflow-refs.js';
export { DEFAULT_COMPILER_LIMITS, type CompileOptions, type CompilerLimits, type TemplateLimits } from './options.js';
