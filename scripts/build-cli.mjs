// `npm run build:cli` (also run by `npm install` through "prepare", by the test set-ups, and by
// cli/bin.mjs when a source is newer): bundles the flotilla command and the engine it opens into
// out/cli/, so no TypeScript is transpiled when the command runs. The engine and the model SDKs are
// separate chunks loaded only when this process opens an engine itself.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandBundle, swapIn } from './bundle-parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const target = join(root, 'out', 'cli');
// Built beside the old bundle and swapped in, so a flotilla starting meanwhile never reads half a file.
const staging = join(root, 'out', `cli.building-${process.pid}`);

try {
  const { metafile } = await build({
    ...commandBundle(root, staging, quiet),
    // The model SDKs are bundled too, as chunks of their own loaded on first use: as packages each was ~150 modules,
    // whose sources (comments and all) and module records the engine kept for good (~0.6 MB of heap for OpenAI's).
    // bufferutil and utf-8-validate are ws's optional helpers; node-pty is native (its .node file is found beside its
    // own code).
    external: ['bufferutil', 'utf-8-validate', 'node-pty'],
    sourcemap: 'linked',
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
  });
  // The checkout's files in the bundle, for cli/bin.mjs to tell a stale bundle by statting just these.
  const sources = Object.keys(metafile.inputs).filter((path) => /^(cli|engine|shared)\//.test(path));
  writeFileSync(join(staging, 'sources.json'), `${JSON.stringify(sources.sort())}\n`);
  swapIn(staging, target);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  if (!quiet) console.error(error);
  process.exitCode = 1;
}
