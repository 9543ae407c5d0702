// Layering is enforced here, VS Code style: folders are named by where their code may run.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'http', 'net', 'stream', 'events', 'util', 'worker_threads'];
const forbid = (names, message) =>
  names.map((name) => ({ group: [name, `${name}/*`], message }));

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
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid(['electron'], 'shared/ and renderer/ run in the browser: no electron.'),
            ...forbid(['simple-git'], 'shared/ and renderer/ never run git; ask the engine.'),
            ...nodeOnly.map((name) => ({ group: [name], message: 'shared/ and renderer/ run in the browser: no Node built-ins.' })),
            { group: ['**/electron/**', '../electron/*'], message: 'Talk to the engine only through shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...forbid(['electron'], 'The engine is plain Node: it also runs headless, so it never imports electron.'), { group: ['**/renderer/**'], message: 'The engine never imports the renderer.' }] },
      ],
    },
  },
);
