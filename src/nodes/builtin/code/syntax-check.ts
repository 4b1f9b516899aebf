import { parse } from 'acorn';

/** Where and why source text fails to parse; line and column count from 1. */
export interface SyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

function position(error: object): { line: number; column: number } | null {
  const loc = (error as { loc?: unknown }).loc;
  if (typeof loc !== 'object' || loc === null) return null;
  const { line, column } = loc as { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? { line, column: column + 1 } : null;
}

/**
 * Parses `code` as an ECMAScript script (not a module: no `import`, `export` or top-level `await`),
 * as the sandbox will evaluate it. Returns null when it parses. Synchronous and pure.
 */
export function findSyntaxProblem(code: string): SyntaxProblem | null {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
    return null;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const at = position(error);
    // Acorn appends "(line:column)" to its messages; the position is reported separately.
    const reason = error.message.replace(/ \(\d+:\d+\)$/, '');
    if (at !== null) return { ...at, reason };
    // A host stack overflow on absurdly nested code, or another parser failure without a position.
    return { line: 1, column: 1, reason: error instanceof RangeError ? 'code is nested too deeply to parse' : reason };
  }
}

/** The diagnostic message of check 13 for a problem. */
export function syntaxProblemMessage(problem: SyntaxProblem): string {
  return `JavaScript syntax error at line ${problem.line}, column ${problem.column}: ${problem.reason}`;
}
