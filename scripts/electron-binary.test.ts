import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { ensureElectron } from './electron-binary.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) removeTemp(folder);
});

/** An electron package folder whose install.js runs `installer` (JavaScript) instead of downloading. */
function fakePackage(installer: string): string {
  const folder = makeTempDir('flotilla-electron-');
  folders.push(folder);
  writeFileSync(join(folder, 'install.js'), installer);
  return folder;
}

// What Electron's installer leaves on success: dist/<binary> and path.txt naming it.
const installs = `
const { writeFileSync, mkdirSync, chmodSync } = require('node:fs');
mkdirSync(__dirname + '/dist', { recursive: true });
writeFileSync(__dirname + '/dist/electron', '#!/bin/sh\\n');
chmodSync(__dirname + '/dist/electron', 0o755);
writeFileSync(__dirname + '/path.txt', 'electron');
console.log('downloaded');
`;

describe('npm start finding Electron', () => {
  it('downloads a missing binary with the installer and runs it, saying so', () => {
    const folder = fakePackage(installs);
    const lines: string[] = [];
    const outcome = ensureElectron((line) => lines.push(line), {}, folder);
    expect(outcome).toEqual({ binary: join(folder, 'dist', 'electron') });
    expect(lines.join('\n')).toMatch(/Downloading the Electron binary/);
    // Found as it is from then on: the installer does not run again.
    writeFileSync(join(folder, 'install.js'), 'process.exit(3)');
    expect(ensureElectron((line) => lines.push(line), {}, folder)).toEqual({
      binary: join(folder, 'dist', 'electron'),
    });
    expect(lines.filter((line) => line.startsWith('Downloading'))).toHaveLength(1);
  });

  it('says the download failed, and how to get the binary later, when the installer fails', () => {
    const folder = fakePackage('process.exit(1);');
    const outcome = ensureElectron(() => undefined, {}, folder);
    expect(outcome.binary).toBeNull();
    expect(outcome.binary === null && outcome.reason).toBe(
      'downloading its binary failed (the installer exited with code 1; its error is above); with network access, `npx install-electron` gets it',
    );
  });

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says that is why', () => {
    const folder = fakePackage(installs);
    const lines: string[] = [];
    const outcome = ensureElectron((line) => lines.push(line), { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, folder);
    expect(outcome.binary === null && outcome.reason).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
    expect(lines).toEqual([]);
  });

  it('takes a binary already there without running the installer', () => {
    const folder = fakePackage('process.exit(3)');
    mkdirSync(join(folder, 'dist'));
    writeFileSync(join(folder, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(join(folder, 'dist', 'electron'), 0o755);
    writeFileSync(join(folder, 'path.txt'), 'electron\n');
    expect(ensureElectron(() => undefined, {}, folder)).toEqual({ binary: join(folder, 'dist', 'electron') });
  });
});
