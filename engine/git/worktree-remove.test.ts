import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { GitError } from './git-error.js';
import { branchExists } from './refs.js';
import { listWorktrees } from './worktree-list.js';
import { removeWorktree } from './worktree-remove.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setup() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const worktree = join(root, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'task', worktree]);
  return { root, repo, worktree };
}

describe('worktree remove', () => {
  it('clean: removes an unchanged worktree and keeps its branch', async () => {
    const { repo, worktree } = setup();
    expect(await removeWorktree(repo.path, worktree, { mode: 'clean' })).toBe(true);
    expect(existsSync(worktree)).toBe(false);
    expect((await listWorktrees(repo.path)).map((entry) => entry.path)).toEqual([repo.path]);
    expect(await branchExists(repo.path, 'task')).toBe(true);
  });

  it('clean: git refuses, keeping every file, when something is uncommitted or untracked', async () => {
    const { repo, worktree } = setup();
    writeFileSync(join(worktree, 'new.txt'), 'not committed\n');
    const error = await removeWorktree(repo.path, worktree, { mode: 'clean' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).stderr).toMatch(/contains modified or untracked files/);
    expect(existsSync(join(worktree, 'new.txt'))).toBe(true);
  });

  it('force: removes a changed and even a locked worktree', async () => {
    const { repo, worktree } = setup();
    writeFileSync(join(worktree, 'a.txt'), 'changed\n');
    repo.git(['worktree', 'lock', worktree]);
    expect(await removeWorktree(repo.path, worktree, { mode: 'force' })).toBe(true);
    expect(existsSync(worktree)).toBe(false);
    expect(await listWorktrees(repo.path)).toHaveLength(1);
  });

  it('ifPresent: false for a folder git does not know as a worktree; without it, an error', async () => {
    const { root, repo } = setup();
    const stranger = join(root, 'stranger');
    expect(await removeWorktree(repo.path, stranger, { mode: 'force', ifPresent: true })).toBe(false);
    await expect(removeWorktree(repo.path, stranger, { mode: 'force' })).rejects.toBeInstanceOf(GitError);
  });
});
