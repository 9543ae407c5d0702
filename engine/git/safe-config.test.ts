import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { commitAll, commitTree } from './commit.js';
import { headCommit, treeOf } from './refs.js';
import { snapshotCommit } from './snapshot.js';
import { addWorktree, checkoutWorktree } from './worktree-add.js';
import { removeWorktree } from './worktree-remove.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

/** A repo whose config turns on everything a user may have: signing with a gpg that fails, an fsmonitor hook and a post-checkout hook that fail. Each script leaves a line in `marker` when git runs it. */
function hostileRepo() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const marker = join(root, 'ran.log');
  const script = (name: string) => {
    const path = join(root, name);
    writeFileSync(path, `#!/bin/sh\necho ${name} >> '${marker}'\nexit 1\n`);
    chmodSync(path, 0o755);
    return path;
  };
  repo.git(['config', 'commit.gpgSign', 'true']);
  repo.git(['config', 'gpg.program', script('gpg')]);
  repo.git(['config', 'core.fsmonitor', script('fsmonitor')]);
  script('post-checkout');
  execFileSync('cp', [join(root, 'post-checkout'), join(repo.path, '.git', 'hooks', 'post-checkout')]);
  const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []);
  return { root, repo, ran };
}

describe("the engine's safe config", () => {
  it('is needed: plain git in this repo fails worktree add on the post-checkout hook, runs the fsmonitor hook, and fails to commit on signing', () => {
    const { root, repo, ran } = hostileRepo();
    expect(() => repo.git(['worktree', 'add', '-q', '-b', 'plain', join(root, 'plain')])).toThrow();
    expect(new Set(ran())).toEqual(new Set(['fsmonitor', 'post-checkout']));
    expect(() => repo.git(['commit', '--allow-empty', '-qm', 'signed?'])).toThrow();
    expect(ran()).toContain('gpg');
  });

  it('adds and checks out a worktree without running the fsmonitor or post-checkout hook', async () => {
    const { root, repo, ran } = hostileRepo();
    const worktree = join(root, 'task');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 'task', startPoint: 'main' },
      checkout: false,
    });
    await checkoutWorktree(worktree);
    expect(readFileSync(join(worktree, 'a.txt'), 'utf8')).toBe('a\n');
    const checkedOut = join(root, 'checked-out');
    await addWorktree({
      repoPath: repo.path,
      path: checkedOut,
      target: { kind: 'new', branch: 'other', startPoint: 'main' },
      checkout: true,
    });
    expect(readFileSync(join(checkedOut, 'a.txt'), 'utf8')).toBe('a\n');
    await removeWorktree(repo.path, checkedOut, { mode: 'clean' });
    expect(existsSync(checkedOut)).toBe(false);
    expect(ran()).toEqual([]);
  });

  it('commits (commitAll and commitTree) unsigned instead of failing on the broken gpg, running no hook', async () => {
    const { root, repo, ran } = hostileRepo();
    const worktree = join(root, 'task');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 'task', startPoint: 'main' },
      checkout: true,
    });
    writeFileSync(join(worktree, 'b.txt'), 'b\n');
    const commit = await commitAll(worktree, 'task: b');
    expect(commit).toBe(await headCommit(worktree));
    expect(repo.git(['show', '-s', '--format=%s %G?', commit!])).toBe('task: b N');
    const loose = await commitTree(repo.path, await treeOf(repo.path, commit!), [commit!], 'snapshot');
    expect(repo.git(['rev-parse', `${loose}^`])).toBe(commit);
    expect(ran()).toEqual([]);
  });

  it('snapshots a worktree with loose changes without running the fsmonitor hook', async () => {
    const { root, repo, ran } = hostileRepo();
    const worktree = join(root, 'task');
    await addWorktree({
      repoPath: repo.path,
      path: worktree,
      target: { kind: 'new', branch: 'task', startPoint: 'main' },
      checkout: true,
    });
    writeFileSync(join(worktree, 'a.txt'), 'a, edited\n');
    const snapshot = await snapshotCommit(worktree);
    expect(repo.git(['show', `${snapshot}:a.txt`])).toBe('a, edited');
    expect(ran()).toEqual([]);
  });
});
