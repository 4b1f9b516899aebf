// The dependency rules of eslint.config.js hold: each probe below is an import a layer must not make,
// linted as if it were a file of that layer, and ESLint must refuse it (a rule that stopped working
// would let it through).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

/** The messages ESLint gives for `code` as the file `path`. */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction', () => {
  it.each([
    ['the engine', 'src/engine/probe.ts', "export { httpRequestNode } from '../nodes/builtin/http-request.js';"],
    ['the compiler', 'src/compiler/probe.ts', "export { builtinRegistry } from '../nodes/builtin/catalog.js';"],
    ['the node contract', 'src/nodes/kit/probe.ts', "export { waitNode } from '../builtin/wait.js';"],
    ['the domain', 'src/domain/probe.ts', "export type { NodeType } from '../nodes/kit/node-type.js';"],
    ['the engine (the IO shell)', 'src/engine/probe.ts', "export { PranaApp } from '../app/prana-app.js';"],
    ['the application (adapters)', 'src/app/probe.ts', "export { MemoryEventLog } from '../adapters/memory/memory-event-log.js';"],
    ['the transport (the engine)', 'src/transport/grpc/probe.ts', "export { transition } from '../../engine/index.js';"],
    ['the CLI (the service’s code)', 'cli/commands/probe.ts', "export { PranaApp } from '../../src/app/prana-app.js';"],
  ])('refuses an import %s must not make', async (_layer, path, code) => {
    expect(await lint(path, code)).not.toEqual([]);
  });

  it.each([
    ['the engine', 'src/engine/probe.ts', "export type { NodeType } from '../nodes/kit/node-type.js';"],
    ['the compiler', 'src/compiler/probe.ts', "export { validateParams } from '../nodes/kit/schema.js';"],
    ['a built-in node', 'src/nodes/builtin/probe.ts', "export { defineNode } from '../kit/define-node.js';"],
  ])('allows the node contract to %s', async (_layer, path, code) => {
    expect(await lint(path, code)).toEqual([]);
  });
});
