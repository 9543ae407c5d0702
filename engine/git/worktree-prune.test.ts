import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { listWorktrees } from './worktree-list.js';
import { pruneWorktrees, unlockWorktree } from './worktree-prune.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

describe('worktree prune and unlock', () => {
  it('prunes the entries of deleted folders only; a locked one stays until it is unlocked', async () => {
    const root = makeTempDir();
    temps.push(root);
    const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
    const [kept, gone, lockedGone] = ['kept', 'gone', 'locked-gone'].map((name) => join(root, name));
    for (const [index, path] of [kept!, gone!, lockedGone!].entries())
      repo.git(['worktree', 'add', '-q', '-b', `t${index}`, path]);
    repo.git(['worktree', 'lock', lockedGone!]);
    rmSync(gone!, { recursive: true, force: true });
    rmSync(lockedGone!, { recursive: true, force: true });

    await pruneWorktrees(repo.path);
    expect((await listWorktrees(repo.path)).map((entry) => entry.path)).toEqual([repo.path, kept, lockedGone]);

    expect(await unlockWorktree(repo.path, lockedGone!)).toBe(true);
    expect(await unlockWorktree(repo.path, lockedGone!)).toBe(false);
    expect(await unlockWorktree(repo.path, join(root, 'never-was'))).toBe(false);
    await pruneWorktrees(repo.path);
    expect((await listWorktrees(repo.path)).map((entry) => entry.path)).toEqual([repo.path, kept]);
  });
});
