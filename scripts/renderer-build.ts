import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const sources = ['renderer/src', 'renderer/index.html', 'renderer/public', 'renderer/vite.config.ts', 'shared'];
const builtPage = join(repoRoot, 'renderer', 'dist', 'index.html');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** Why the renderer must be (re)built, or null when renderer/dist is newer than every source. */
export function rendererBuildReason(): string | null {
  if (!existsSync(builtPage)) return 'renderer/dist is missing';
  const built = statSync(builtPage).mtimeMs;
  const changed = sources.find((source) => newestChange(join(repoRoot, source)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Builds renderer/dist (what `npm run build:renderer` does) when it is missing or older than its sources. */
export function ensureRendererBuilt(log: (line: string) => void = console.log): void {
  const reason = rendererBuildReason();
  if (!reason) return;
  log(`Building the renderer (${reason})…`);
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
