// `npm run build:remote` (also run by `npm run build`, and by `flotilla host add --install` when stale): the engine as one self-contained folder that
// `flotilla host add --install` copies to a remote host: out/remote/{package.json, cli/bin.mjs, out/cli/…}, the model
// SDKs bundled in (nothing to npm install there). node-pty (the terminals) is native: its run-time parts built here are
// carried along, which load on a remote of the same platform and architecture (it is a Node-API module); elsewhere the
// remote's terminals say they are unavailable and why.
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandBundle, swapIn } from './bundle-parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const target = join(root, 'out', 'remote');
const staging = join(root, 'out', `remote.building-${process.pid}`);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

try {
  await build({
    ...commandBundle(root, join(staging, 'out', 'cli'), quiet),
    external: ['bufferutil', 'utf-8-validate', 'node-pty'],
    minify: true,
  });
  mkdirSync(join(staging, 'cli'), { recursive: true });
  copyFileSync(join(root, 'cli', 'bin.mjs'), join(staging, 'cli', 'bin.mjs'));
  writeFileSync(
    join(staging, 'package.json'),
    `${JSON.stringify({ name: 'flotilla', version, type: 'module', private: true }, null, 2)}\n`,
  );
  const pty = join(root, 'node_modules', 'node-pty');
  if (existsSync(join(pty, 'build', 'Release'))) {
    const into = join(staging, 'node_modules', 'node-pty');
    for (const part of ['package.json', 'LICENSE', 'lib', join('build', 'Release')])
      if (existsSync(join(pty, part)))
        cpSync(join(pty, part), join(into, part), {
          recursive: true,
          filter: (path) => !/\.(map|ts|pdb)$|[\\/](obj\.target|\.deps)([\\/]|$)|\.test\.js$/.test(path),
        });
  }
  swapIn(staging, target);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  if (!quiet) console.error(error);
  process.exitCode = 1;
}
