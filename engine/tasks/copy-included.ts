import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { glob } from 'tinyglobby';

/**
 * Copies files matching the repo's include patterns (by default `.env*`) from the user's checkout
 * into a new worktree, copy-on-write where the filesystem supports it. Returns the copied paths.
 */
export async function copyIncludedFiles(from: string, to: string, patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const files = await glob([...patterns], {
    cwd: from,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['.git/**', '**/node_modules/**'],
  });
  for (const file of files) {
    const target = join(to, file);
    await mkdir(dirname(target), { recursive: true });
    // COPYFILE_FICLONE clones on btrfs/xfs/APFS and silently falls back to a copy elsewhere.
    await copyFile(join(from, file), target, constants.COPYFILE_FICLONE);
  }
  return files.sort();
}
