// What the two bundles of the flotilla command (scripts/build-cli.mjs for this machine, scripts/build-remote.mjs for
// the copy `flotilla host add --install` sends) share: esbuild settings and swapping a finished build into place.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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

/** esbuild options both bundles use: cli/main.ts as flotilla.mjs, ES module chunks for Node 20. */
export function commandBundle(root, outdir, quiet) {
  return {
    plugins: [zodEnglishOnly],
    // Headers and Response in plain JavaScript: Node's own live in its bundled undici, which costs ~12 MB resident
    // once touched, and the model SDKs make a Headers for every request.
    inject: [join(root, 'engine', 'net', 'fetch-classes.ts')],
    absWorkingDir: root,
    entryPoints: { flotilla: 'cli/main.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled CommonJS dependencies (ws) still call require().
    banner: {
      js: "import { createRequire as __flotillaRequire } from 'node:module'; const require = __flotillaRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
  };
}

/** Replaces `target` with the finished `staging` folder, so a flotilla starting meanwhile never reads half a build. */
export function swapIn(staging, target) {
  const retired = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, retired);
  renameSync(staging, target);
  rmSync(retired, { recursive: true, force: true });
}
