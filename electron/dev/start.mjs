// `npm start`: opens the desktop app when the Electron window exists and its binary is installed;
// until then (or without the binary) runs the headless engine and prints its URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainEntry = join(root, 'out', 'main', 'main.js');
let electronBinary;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = null;
}
const hasElectron = typeof electronBinary === 'string' && existsSync(electronBinary);
const args = hasElectron && existsSync(mainEntry) ? [electronBinary, [mainEntry]] : [process.execPath, [join(root, 'electron', 'cli', 'bin.mjs'), 'serve']];
if (args[0] !== electronBinary) {
  console.log(hasElectron ? 'The desktop window is not built yet; starting the headless engine instead.' : 'No Electron binary installed; starting the headless engine instead.');
}
const child = spawn(args[0], args[1], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
