import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The bytes of the files under a folder (links not followed), for showing what a pool worktree costs on disk. */
export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let names: string[];
    try {
      names = await readdir(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(current, name);
      const info = await lstat(path).catch(() => null);
      if (!info) continue;
      if (info.isDirectory()) pending.push(path);
      else total += info.size;
    }
  }
  return total;
}
