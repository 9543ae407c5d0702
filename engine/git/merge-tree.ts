import { git } from './git.js';

/** A merge computed in the object store only: the merged tree and the paths that conflict. */
export interface MergedTree {
  tree: string;
  /** False when git reported conflicts, even if it named no path. */
  clean: boolean;
  conflicts: string[];
}

/**
 * Merges two commits with `merge-tree --write-tree`: writes only objects, never an index or a
 * working tree. The tree holds conflict markers when `conflicts` is not empty.
 */
export async function mergeTrees(repoPath: string, intoCommit: string, taskCommit: string): Promise<MergedTree> {
  const out = await git({
    name: 'merge-tree',
    cwd: repoPath,
    args: ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', intoCommit, taskCommit],
    okExitCodes: [1],
  });
  const [tree = '', ...paths] = out.stdout.split('\0').filter((entry) => entry.length > 0);
  return { tree: tree.trim(), clean: out.exitCode === 0, conflicts: [...new Set(paths)].sort() };
}
