// Layering is enforced here, VS Code style: folders are named by where their code may run.
// scripts/layering.test.ts proves each rule fails a violating import; scripts/check-cycles.mjs forbids import cycles.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'url',
  'http',
  'net',
  'stream',
  'events',
  'util',
  'worker_threads',
];
// Bare package names are `paths` (exact); `patterns` are gitignore-style and would also match a folder of that name.
const packages = (names, message) => ({
  paths: names.map((name) => ({ name, message })),
  patterns: names
    .map((name) => ({ group: [`${name}/*`].filter(() => !name.startsWith('node:')), message }))
    .filter((pattern) => pattern.group.length > 0),
});
const nodeOnly = (message) => ({
  paths: nodeBuiltins.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});
// Relative paths only, so the folder electron/ and the package 'electron' are told apart.
const folder = (name, message) => ({
  patterns: [{ group: [`../**/${name}`, `../**/${name}/**`, `./${name}/**`], message }],
});
const testKits = [
  folder('testing', 'Product code never imports testing/: test kits and the scripted model server are for tests only.'),
  folder('bench', 'Product code never imports bench/.'),
  folder('e2e', 'Product code never imports e2e/.'),
];
const browserCode = [
  packages(['electron'], 'shared/ and renderer/ run in the browser: no electron.'),
  nodeOnly('shared/ and renderer/ run in the browser: no Node built-ins.'),
];
const plainNode = [
  packages(['electron'], 'engine/ and cli/ are plain Node: they also run headless, so they never import electron.'),
  folder(
    'electron',
    'engine/ and cli/ never import electron/: the desktop app hosts the engine, not the other way round.',
  ),
  folder('renderer', 'engine/ and cli/ never import the renderer.'),
];
const tests = ['**/*.test.ts', '**/*.test.tsx'];
/** One no-restricted-imports rule from several { paths, patterns } parts. */
const restrict = (parts) => ({
  'no-restricted-imports': [
    'error',
    { paths: parts.flatMap((part) => part.paths ?? []), patterns: parts.flatMap((part) => part.patterns ?? []) },
  ],
});

export default tseslint.config(
  { ignores: ['.scratch', 'node_modules', 'dist', 'out', 'renderer/dist', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: tests,
    rules: restrict([
      ...browserCode,
      folder('engine', 'shared/ is the contract: it imports nothing of the engine.'),
      folder('renderer', 'shared/ never imports the renderer.'),
      folder('electron', 'shared/ never imports electron/.'),
      ...testKits,
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: tests,
    rules: restrict([
      ...browserCode,
      folder('engine', 'Talk to the engine only through shared/.'),
      folder('electron', 'Talk to the engine only through shared/.'),
      folder('cli', 'The renderer never imports the CLI.'),
      packages(
        ['zustand/react/shallow'],
        "Use useShallow from renderer/src/store/use-shallow.ts: zustand's copies every plain object into Maps.",
      ),
      ...testKits,
    ]),
  },
  { files: ['engine/**/*.ts', 'cli/**/*.{ts,mjs}'], ignores: tests, rules: restrict([...plainNode, ...testKits]) },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: tests,
    rules: restrict([
      ...['main', 'utility', 'engine', 'cli', 'renderer'].map((name) =>
        folder(name, 'The preload imports only electron/common/ and shared/.'),
      ),
      nodeOnly('The preload is sandboxed: no Node built-ins.'),
      ...testKits,
    ]),
  },
  {
    files: ['electron/common/**/*.ts'],
    ignores: tests,
    rules: restrict([
      folder('main', 'electron/common/ is shared by main, preload and utility: it imports none of them.'),
      folder('utility', 'electron/common/ imports neither main/ nor utility/.'),
      folder('preload', 'electron/common/ never imports the preload.'),
      ...testKits,
    ]),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/utility/**/*.ts'],
    ignores: tests,
    rules: restrict([
      folder('renderer', 'The desktop app loads the built renderer; it never imports its code.'),
      ...testKits,
    ]),
  },
  {
    // Product code reads in 120 columns; strings and templates (messages, prompts, usage text) are data and may run longer.
    files: ['shared/**/*.ts', 'engine/**/*.ts', 'cli/**/*.{ts,mjs}', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: tests,
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
);
