import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { resolveBase } from '../repos/branches.js';
import { readHead, writeHeadFile } from './head-file.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function repoWithWorktree() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const worktree = join(root, 'linked');
  repo.git(['worktree', 'add', '-q', '--detach', worktree]);
  return { repo, worktree };
}

describe('HEAD and refs read and written as files', () => {
  it('reads the same commit and branch git does: loose, packed, detached and in a linked worktree', async () => {
    const { repo, worktree } = repoWithWorktree();
    const tip = repo.git(['rev-parse', 'HEAD']);
    expect(await readHead(repo.path)).toEqual({ commit: tip, branch: 'main' });
    expect(await readHead(worktree)).toEqual({ commit: tip, branch: null });
    repo.git(['pack-refs', '--all']);
    expect(await readHead(repo.path)).toEqual({ commit: tip, branch: 'main' });
    const next = repo.commit({ 'b.txt': 'b\n' });
    expect(await readHead(repo.path)).toEqual({ commit: next, branch: 'main' });
    expect(await resolveBase(repo.path, 'HEAD')).toEqual({ commit: next, branch: 'main' });
  });

  it('answers null (ask git) for an unborn branch or a folder that is no repository', async () => {
    const { repo } = repoWithWorktree();
    repo.git(['checkout', '-q', '--orphan', 'fresh']);
    expect(await readHead(repo.path)).toBeNull();
    expect(await readHead(makeTempDir())).toBeNull();
  });

  it('points a linked worktree at a branch that git then reports, and leaves it to git while HEAD is locked', async () => {
    const { repo, worktree } = repoWithWorktree();
    repo.git(['branch', 'topic']);
    expect(await writeHeadFile(worktree, 'topic')).toBe(true);
    expect(repo.git(['symbolic-ref', 'HEAD'], worktree)).toBe('refs/heads/topic');
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('');
    const lock = join(repo.git(['rev-parse', '--absolute-git-dir'], worktree), 'HEAD.lock');
    repo.write({ [lock]: 'held' }, '/');
    expect(await writeHeadFile(worktree, 'main')).toBe(false);
    expect(repo.git(['symbolic-ref', 'HEAD'], worktree)).toBe('refs/heads/topic');
  });
});
