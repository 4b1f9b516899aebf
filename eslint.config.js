// Lint rules, including the dependency direction between src folders:
// transport -> app -> {engine, compiler, nodes, expressions} -> domain; adapters implement app ports;
// only src/main.ts and src/config know every concrete class. Within nodes: the compiler and the
// engine import the node contract (nodes/kit), never the built-in implementations (nodes/builtin).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Builds a no-restricted-imports rule forbidding imports of the named src folders. */
function forbid(folders, why) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `(^|/)(${folders.join('|')})(/|$)`,
            message: why,
          },
          { regex: '^(mongodb|node-cache)$', message: 'Only src/adapters may use storage and cache drivers.' },
        ],
      },
    ],
  };
}

const core =
  'Core code (domain, expressions, compiler, engine, nodes) is pure and cannot reach the IO shell; the compiler and the engine see node types through nodes/kit only.';
const contract = 'The node contract (src/nodes/kit) depends on nothing but the domain and the expression language.';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '**/node_modules/**',
      'src/gen/**',
      'sdk/typescript/src/gen/**',
      'sdk/typescript/dist/**',
      'bench/.peers/**',
      'coverage/**',
      '.cache/**',
      'clients/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use closed string unions, not enums.' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(['expressions', 'compiler', 'engine', 'nodes', 'app', 'adapters', 'transport', 'config', 'gen'], 'src/domain imports nothing.'),
  },
  { files: ['src/expressions/**/*.ts'], rules: forbid(['compiler', 'engine', 'nodes', 'app', 'adapters', 'transport', 'config', 'gen'], core) },
  { files: ['src/nodes/**/*.ts'], rules: forbid(['compiler', 'engine', 'app', 'adapters', 'transport', 'config', 'gen'], core) },
  // The node contract (nodes/kit) never depends on the built-in implementations.
  {
    files: ['src/nodes/kit/**/*.ts'],
    rules: forbid(['nodes/builtin', 'builtin', 'compiler', 'engine', 'app', 'adapters', 'transport', 'config', 'gen'], contract),
  },
  // The compiler and the engine know node types through their contract only (nodes/kit).
  { files: ['src/compiler/**/*.ts'], rules: forbid(['nodes/builtin', 'builtin', 'engine', 'app', 'adapters', 'transport', 'config', 'gen'], core) },
  { files: ['src/engine/**/*.ts'], rules: forbid(['nodes/builtin', 'builtin', 'app', 'adapters', 'transport', 'config', 'gen'], core) },
  {
    files: ['src/app/**/*.ts'],
    rules: forbid(['adapters', 'transport', 'config', 'gen'], 'src/app defines ports; it never imports adapters, transport or generated code.'),
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)(transport|config)(/|$)', message: 'Adapters implement app ports only.' }] }] },
  },
  { files: ['src/transport/**/*.ts'], rules: forbid(['adapters', 'engine', 'compiler'], 'Transport decodes, calls one use case in src/app, and encodes.') },
  {
    files: ['cli/**/*.ts', 'console/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/',
              message: 'The CLI and the console are clients of the public API: they use the TypeScript SDK, never the service’s code.',
            },
          ],
        },
      ],
    },
  },
);
