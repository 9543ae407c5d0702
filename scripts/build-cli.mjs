// `npm run build:cli` (also run by `npm install` through "prepare", by the test set-ups, and by
// cli/bin.mjs when a source is newer): bundles the flotilla command and the engine it opens into
// out/cli/, so no TypeScript is transpiled when the command runs. The engine and the model SDKs are
// separate chunks loaded only when this process opens an engine itself.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const target = join(root, 'out', 'cli');
// Built beside the old bundle and swapped in, so a flotilla starting meanwhile never reads half a file.
const staging = join(root, 'out', `cli.building-${process.pid}`);

// zod re-exports all its ~60 message locales as one namespace, which bundling cannot drop; every command parsed them at
// start-up. Flotilla only ever uses English (zod configures it by itself), so the namespace holds just that one.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: resolve(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

try {
  await build({
    plugins: [zodEnglishOnly],
    absWorkingDir: root,
    entryPoints: { flotilla: 'cli/main.ts' },
    outdir: staging,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The SDKs stay packages (loaded with the engine chunk); bufferutil and utf-8-validate are ws's optional helpers;
    // node-pty is native (its .node file is found beside its own code).
    external: ['@anthropic-ai/sdk', 'openai', '@agentclientprotocol/sdk', 'bufferutil', 'utf-8-validate', 'node-pty'],
    // Bundled CommonJS dependencies (ws) still call require().
    banner: {
      js: "import { createRequire as __flotillaRequire } from 'node:module'; const require = __flotillaRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
  });
  const retired = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  if (!quiet) console.error(error);
  process.exitCode = 1;
}
