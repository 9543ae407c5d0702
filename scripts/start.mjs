// `npm start`: opens the desktop app when the Electron window exists and its binary is installed;
// until then (or without the binary) runs the headless engine and prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));

// The window (and `flotilla serve`) show the built renderer: build it first when it is missing or stale.
register();
const { ensureRendererBuilt } = await import('./renderer-build.ts');
const { ensureElectron } = await import('./electron-binary.ts');
ensureRendererBuilt();
const mainEntry = join(root, 'out', 'main', 'main.js');
const electron = ensureElectron((line) => console.log(line));
const electronBinary = electron.binary;
if (electronBinary)
  spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { stdio: 'inherit', cwd: root });
const args =
  electronBinary && existsSync(mainEntry)
    ? [electronBinary, [mainEntry]]
    : [process.execPath, [join(root, 'cli', 'bin.mjs'), 'serve']];
if (args[0] !== electronBinary) {
  console.log(
    electronBinary
      ? 'The desktop window did not build; starting the headless engine instead.'
      : `No Electron window: ${electron.reason}. Starting the headless engine instead.`,
  );
}
const child = spawn(args[0], args[1], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
