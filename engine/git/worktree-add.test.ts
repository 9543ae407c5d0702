import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { EngineError } from '../errors.js';
import { branchTip, currentBranch } from './refs.js';
import { addWorktree, checkoutWorktree } from './worktree-add.js';
import { listWorktrees } from './worktree-list.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setup() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const first = repo.git(['rev-parse', 'HEAD']);
  repo.commit({ 'a.txt': 'a2\n' }, 'second');
  return { root, repo, first };
}

describe('worktree add', () => {
  it('starts a new branch at the given start point and checks it out; a remote branch as start point does not become its upstream', async () => {
    const { root, repo, first } = setup();
    repo.git(['update-ref', 'refs/remotes/origin/main', first]);
    const worktree = join(root, 'task');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 'flotilla/t1', startPoint: 'origin/main' },
      checkout: true,
    });
    expect(await branchTip(repo.path, 'flotilla/t1')).toBe(first);
    expect(await currentBranch(worktree)).toBe('flotilla/t1');
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('a\n');
    expect(() => repo.git(['config', '--get', 'branch.flotilla/t1.merge'])).toThrow();
  });

  it('without checkout writes no files until checkoutWorktree', async () => {
    const { root, repo } = setup();
    const worktree = join(root, 'task');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 't', startPoint: 'main' },
      checkout: false,
    });
    expect(existsSync(join(worktree, 'a.txt'))).toBe(false);
    await checkoutWorktree(worktree);
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('a2\n');
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('');
  });

  it('checks out an existing branch as it is', async () => {
    const { root, repo, first } = setup();
    repo.git(['branch', 'kept', first]);
    const worktree = join(root, 'again');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'existing', branch: 'kept' },
      checkout: true,
    });
    expect(await currentBranch(worktree)).toBe('kept');
    expect(await branchTip(repo.path, 'kept')).toBe(first);
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('a\n');
  });

  it('checks out a commit detached, holding no branch, so the checkout and every branch stay as they were', async () => {
    const { root, repo, first } = setup();
    const worktree = join(root, 'scratch');
    const branches = repo.git(['branch', '--list']);
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'detached', commit: first },
      checkout: true,
    });
    expect(await currentBranch(worktree)).toBeNull();
    expect(repo.git(['rev-parse', 'HEAD'], worktree)).toBe(first);
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('a\n');
    expect(repo.git(['branch', '--list'])).toBe(branches);
    expect(readFileSync(join(repo.path, 'a.txt'), 'utf8')).toBe('a2\n');
  });

  it('refuses a new branch whose name is taken with branchExists, leaving no worktree behind', async () => {
    const { root, repo, first } = setup();
    repo.git(['branch', 'taken', first]);
    const worktree = join(root, 'task');
    const error = await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 'taken', startPoint: 'main' },
      checkout: true,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: 'branchExists',
      message: 'The branch taken already exists. Choose another branch name or delete that branch.',
    });
    expect(await branchTip(repo.path, 'taken')).toBe(first);
    expect(existsSync(worktree)).toBe(false);
    expect(await listWorktrees(repo.path)).toHaveLength(1);
  });
});
