import { compileWorkflow, type CompileOptions, type CompileResult } from '../../../src/compiler/index.js';
import type { Diagnostic } from '../../../src/domain/diagnostic.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { fixtureRegistry } from './fixture-types.js';

/** Compiles with the fixture registry. */
export function compile(definition: WorkflowDefinition, options: Partial<CompileOptions> = {}): CompileResult {
  return compileWorkflow(definition, { registry: fixtureRegistry, ...options });
}

/** One line per diagnostic: `severity code node=… port=… path=…` (absent fields left out). */
export function line(d: Diagnostic): string {
  return [
    d.severity,
    d.code,
    d.nodeKey === undefined ? '' : `node=${d.nodeKey}`,
    d.port === undefined ? '' : `port=${d.port}`,
    d.paramPath === undefined ? '' : `path=${d.paramPath}`,
  ]
    .filter((s) => s !== '')
    .join(' ');
}

/** The diagnostics of a compilation as lines. */
export function lines(definition: WorkflowDefinition, options: Partial<CompileOptions> = {}): string[] {
  return compile(definition, options).diagnostics.map(line);
}

/** The diagnostics with one code. */
export function withCode(definition: WorkflowDefinition, code: string, options: Partial<CompileOptions> = {}): Diagnostic[] {
  return compile(definition, options).diagnostics.filter((d) => d.code === code);
}
