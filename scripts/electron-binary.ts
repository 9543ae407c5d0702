import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the electron package is installed, or null when it is not. */
function electronPackage(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The installed Electron binary, or null when there is none (ELECTRON_SKIP_BINARY_DOWNLOAD, or not downloaded yet:
 * Electron fetches its binary on first use, not at `npm install`). Never calls require('electron'), which would
 * download it without saying so.
 */
export function electronBinary(packageDir: string | null = electronPackage()): string | null {
  if (!packageDir) return null;
  try {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return null;
  }
}

/** What ensureElectron found: the binary to run, or why there is none. */
export type ElectronOutcome = { binary: string } | { binary: null; reason: string };

/**
 * The Electron binary, downloaded first when it is missing (with Electron's own installer, which prints its progress),
 * unless ELECTRON_SKIP_BINARY_DOWNLOAD is set. `log` hears what happens; a failed download is the reason given, so
 * `npm start` can say why it runs the headless engine instead.
 */
export function ensureElectron(
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  packageDir: string | null = electronPackage(),
): ElectronOutcome {
  const present = electronBinary(packageDir);
  if (present) return { binary: present };
  if (!packageDir) return { binary: null, reason: 'the electron package is not installed (run npm install)' };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { binary: null, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so its binary was not downloaded' };
  log('Downloading the Electron binary (once; ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips this)…');
  // The installer's own output goes to the terminal: its progress bar draws only on a terminal, and its error says
  // more than one line could.
  const installer = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    env,
    stdio: 'inherit',
    timeout: 15 * 60_000,
  });
  const binary = electronBinary(packageDir);
  if (binary) return { binary };
  const how = installer.error ? installer.error.message : `the installer exited with code ${installer.status}`;
  return {
    binary: null,
    reason: `downloading its binary failed (${how}; its error is above); with network access, \`npx install-electron\` gets it`,
  };
}
