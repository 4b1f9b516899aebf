/** The engine's public surface: one transition, execution creation, derived views. */
export { transition, type EngineInput, type Refusal, type TransitionResult } from './transition.js';
export { createExecution, type ExecutionSpec } from './create-execution.js';
export { finalOutput, executionError, currentSuspension } from './derived.js';
export { resumeRefusal, type ResumeTarget, type ResumeRefusal, type ResumeRefusalReason } from './resume-checks.js';
export type { Command, PersistReason } from './commands.js';
export { DEFAULT_ENGINE_LIMITS, type EngineEnv, type EngineLimits, type TokenParts } from './engine-env.js';
export { currentRun, latestRun } from './audit-trail.js';
export { nodeExceptionOutcome } from './node-exception.js';
export { nodeSlotsOf } from './node-slots.js';
