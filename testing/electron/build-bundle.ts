import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../engine/temp-repo.js';

const buildScript = fileURLToPath(new URL('../../scripts/build-electron.mjs', import.meta.url));

/** Runs the real `build:electron` esbuild build into a new temp folder and returns it (remove it with removeTemp). */
export function buildElectronBundle(): string {
  const dir = makeTempDir('flotilla-bundle-');
  execFileSync(process.execPath, [buildScript, '--outdir', dir, '--quiet'], { stdio: 'pipe' });
  return dir;
}
