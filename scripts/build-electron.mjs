// `npm run build:electron`: bundles the Electron side into out/main/ with esbuild.
//   main.js            the main process (ESM, like the rest of the package)
//   preload.cjs        the window's preload: one CommonJS file, since sandboxed preloads cannot
//                      load modules; built for the browser platform so a Node import fails the build
//   engine-process.cjs the engine's utility process (CommonJS; import.meta.url is shimmed)
// 'electron' stays external everywhere: Electron provides it at run time.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdirFlag = process.argv.indexOf('--outdir');
// Tests build into a temp folder: `--outdir <dir>`.
const outdir = outdirFlag > 0 ? resolve(process.argv[outdirFlag + 1] ?? '') : `${root}out/main`;
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');
const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
  target: 'node22',
  external: ['electron'],
};

if (outdirFlag < 0) rmSync(outdir, { recursive: true, force: true });

const builds = [
  {
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: `${outdir}/main.js`,
    platform: 'node',
    format: 'esm',
    // Bundled CommonJS dependencies still call require(); give ESM output one.
    banner: {
      js: "import { createRequire as __flotillaRequire } from 'node:module'; const require = __flotillaRequire(import.meta.url);",
    },
  },
  {
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: `${outdir}/preload.cjs`,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    minify: true,
  },
  {
    ...common,
    entryPoints: ['electron/utility/engine-process.ts'],
    outfile: `${outdir}/engine-process.cjs`,
    platform: 'node',
    format: 'cjs',
    // ws loads these optional native helpers only when installed; node-pty is native and ships as a package,
    // rebuilt for Electron when the app is packaged (electron-builder.yml).
    external: [...common.external, 'bufferutil', 'utf-8-validate', 'node-pty'],
    define: { 'import.meta.url': '__flotillaModuleUrl' },
    // As in the flotilla command's bundle (scripts/bundle-parts.mjs): Headers and Response without undici.
    inject: [`${root}engine/net/fetch-classes.ts`],
    banner: { js: "'use strict';\nconst __flotillaModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
];

if (watch) {
  const { context } = await import('esbuild');
  for (const options of builds) await (await context(options)).watch();
} else {
  await Promise.all(builds.map((options) => build(options)));
}
