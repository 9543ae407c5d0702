import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { listWorktrees } from './worktree-list.js';
import { pruneWorktrees } from './worktree-prune.js';
import { createBranch, moveWorktree, pointHead } from './worktree-move.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setUp() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const from = join(root, 'pool-1');
  repo.git(['worktree', 'add', '-q', '--detach', from]);
  return { root, repo, from, to: join(root, 'task-1') };
}

describe('moving a pool worktree into place and putting it on a branch', () => {
  it('moves the folder so git list, prune and status all follow it', async () => {
    const { repo, from, to } = setUp();
    await moveWorktree(repo.path, from, to);
    expect(existsSync(from)).toBe(false);
    await pruneWorktrees(repo.path);
    expect((await listWorktrees(repo.path)).map((entry) => entry.path)).toEqual([repo.path, to]);
    expect(repo.git(['status', '--porcelain'], to)).toBe('');
    repo.git(['worktree', 'move', to, from]);
    expect(existsSync(join(from, 'a.txt'))).toBe(true);
  });

  it('keeps relative paths relative when the worktree was recorded with them', async () => {
    const { repo, from, to } = setUp();
    const admin = repo.git(['rev-parse', '--absolute-git-dir'], from);
    repo.write({ [join(from, '.git')]: `gitdir: ../repo/.git/worktrees/pool-1\n` }, '/');
    repo.write({ [join(admin, 'gitdir')]: '../../../../pool-1/.git\n' }, '/');
    await moveWorktree(repo.path, from, to);
    expect(repo.git(['rev-parse', '--absolute-git-dir'], to)).toBe(admin);
    expect(repo.git(['status', '--porcelain'], to)).toBe('');
    expect(readFileSync(join(to, '.git'), 'utf8')).toBe('gitdir: ../repo/.git/worktrees/pool-1\n');
    expect(readFileSync(join(admin, 'gitdir'), 'utf8')).toBe('../../../../task-1/.git\n');
  });

  it('leaves a locked worktree to git, which refuses to move it', async () => {
    const { repo, from, to } = setUp();
    repo.git(['worktree', 'lock', from]);
    await expect(moveWorktree(repo.path, from, to)).rejects.toThrow();
    expect(existsSync(from)).toBe(true);
  });

  it('creates the branch once and points HEAD at it; a second branch of that name is refused', async () => {
    const { repo, from } = setUp();
    const tip = repo.git(['rev-parse', 'HEAD']);
    await createBranch(repo.path, 'flotilla/t1', tip);
    await pointHead(from, 'flotilla/t1');
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'], from)).toBe('flotilla/t1');
    expect(repo.git(['reflog', 'show', '--format=%H', 'flotilla/t1'])).toBe(tip);
    await expect(createBranch(repo.path, 'flotilla/t1', tip)).rejects.toThrow(/already exists/);
  });
});
