import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitCommonDir } from '../git/common-dir.js';
import { inBackground } from '../git/background.js';

/** How long ref changes settle before the branch is read (a pull or a rebase moves it several times). */
export const settleMs = 400;
/** The cheap fallback check, for file systems whose watch events do not arrive (network mounts, some containers). */
export const fallbackCheckMs = 20_000;

/**
 * Calls `onChange` soon after a branch's ref may have moved, whoever moved it: watches the loose ref's folder and the
 * repository's git folder (packed-refs) instead of polling git, debounced, with a slow periodic check as a fallback.
 * Returns a function that stops watching.
 */
export async function watchBranch(repoPath: string, branch: string, changed: () => void): Promise<() => void> {
  const common = await gitCommonDir(repoPath);
  // What the check starts (reading the branch, a verify) is background work, within the engine's git slots.
  const onChange = () => void inBackground(async () => changed());
  let timer: NodeJS.Timeout | null = null;
  const poke = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, settleMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  const refName = `refs/heads/${branch}`;
  const refFolder = dirname(join(common, refName));
  const wanted = [refName.split('/').pop() ?? branch, 'packed-refs'];
  for (const folder of new Set([refFolder, common])) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, file) => {
        if (file === null || wanted.some((name) => String(file).startsWith(name))) poke();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // The folder may not exist yet (a branch under a new prefix); the periodic check covers it.
    }
  }
  const fallback = setInterval(onChange, fallbackCheckMs);
  fallback.unref();
  return () => {
    if (timer) clearTimeout(timer);
    clearInterval(fallback);
    for (const watcher of watchers) watcher.close();
  };
}
