import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOwnedWorktree } from '../../testing/engine/owned-worktree.js';
import { removeTemp } from '../../testing/engine/temp-repo.js';
import { removeMergedWorktree } from './remove-merged.js';

const temps: string[] = [];
afterEach(() => {
  for (const path of temps.splice(0)) removeTemp(path);
});

/** A repo with a task worktree (branch flotilla/t) under FLOTILLA_HOME/worktrees whose work is committed. */
function setup() {
  const { repo, worktreesRoot, worktree } = createOwnedWorktree(temps);
  repo.write({ 'feature.txt': 'done\n' }, worktree);
  repo.git(['add', '-A'], worktree);
  repo.git(['commit', '-qm', 'task work'], worktree);
  return {
    repo,
    worktreesRoot,
    worktree,
    input: { repoPath: repo.path, worktree, branch: 'flotilla/t', worktreesRoot },
  };
}

describe('removeMergedWorktree', () => {
  it('removes a clean task worktree and git’s record of it, keeping the branch and its commits', async () => {
    const { repo, worktree, input } = setup();
    const tip = repo.git(['rev-parse', 'flotilla/t']);
    // Ignored files (build output) go with the folder; they are not the task's work.
    writeFileSync(join(repo.path, '.git', 'info', 'exclude'), 'dist/\n');
    mkdirSync(join(worktree, 'dist'));
    writeFileSync(join(worktree, 'dist', 'bundle.js'), 'built');
    await removeMergedWorktree(input);
    expect(existsSync(worktree)).toBe(false);
    expect(repo.git(['worktree', 'list'])).not.toContain(worktree);
    expect(repo.git(['rev-parse', 'flotilla/t'])).toBe(tip);
    expect(repo.git(['show', 'flotilla/t:feature.txt'])).toBe('done');
  });

  it('keeps a worktree holding changes made since the checkpoint, saying why', async () => {
    const { repo, worktree, input } = setup();
    writeFileSync(join(worktree, 'late.txt'), 'written after the merge\n');
    await expect(removeMergedWorktree(input)).rejects.toMatchObject({
      code: 'worktreeChanged',
      message: expect.stringContaining('has changes made since the merge, so it was kept'),
    });
    expect(readFileSync(join(worktree, 'late.txt'), 'utf8')).toBe('written after the merge\n');

    rmSync(join(worktree, 'late.txt'));
    writeFileSync(join(worktree, 'feature.txt'), 'edited\n');
    await expect(removeMergedWorktree(input)).rejects.toMatchObject({ code: 'worktreeChanged' });
    expect(existsSync(worktree)).toBe(true);
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('M feature.txt');
  });

  it('keeps a worktree that is not at the branch tip (checked out elsewhere by hand)', async () => {
    const { repo, worktree, input } = setup();
    repo.git(['checkout', '-q', '--detach', 'HEAD~1'], worktree);
    await expect(removeMergedWorktree(input)).rejects.toMatchObject({
      code: 'worktreeChanged',
      message: expect.stringContaining('is not at the tip of flotilla/t'),
    });
    expect(existsSync(worktree)).toBe(true);
  });

  it('never touches a folder outside FLOTILLA_HOME/worktrees, such as the user’s checkout', async () => {
    const { repo, input } = setup();
    await expect(removeMergedWorktree({ ...input, worktree: repo.path, branch: 'main' })).rejects.toMatchObject({
      code: 'unsafePath',
    });
    expect(readFileSync(join(repo.path, 'README.md'), 'utf8')).toBe('# test\n');
  });

  it('cleans up git’s record when the folder was already deleted', async () => {
    const { repo, worktree, input } = setup();
    rmSync(worktree, { recursive: true });
    await removeMergedWorktree(input);
    expect(repo.git(['worktree', 'list'])).not.toContain(worktree);
    expect(repo.git(['branch', '--list', 'flotilla/t'])).toContain('flotilla/t');
  });
});
