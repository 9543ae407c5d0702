import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { listWorktrees, parseWorktreeList } from './worktree-list.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

describe('worktree list', () => {
  it('reports the main worktree, a branch, a detached HEAD, and locked and prunable entries as booleans with their reasons', async () => {
    const root = makeTempDir();
    temps.push(root);
    const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
    const head = repo.git(['rev-parse', 'HEAD']);
    const [onBranch, detached, locked, gone] = ['on-branch', 'detached', 'locked', 'gone'].map((name) =>
      join(root, name),
    );
    repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t1', onBranch!]);
    repo.git(['worktree', 'add', '-q', '--detach', detached!]);
    repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t2', locked!]);
    repo.git(['worktree', 'lock', '--reason', 'on a USB disk', locked!]);
    repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t3', gone!]);
    rmSync(gone!, { recursive: true, force: true });

    const entries = await listWorktrees(repo.path);
    const healthy = {
      head,
      detached: false,
      bare: false,
      main: false,
      locked: false,
      lockedReason: null,
      prunable: false,
      prunableReason: null,
    };
    // Main worktree first, then git's order of linked ones (by their folder's name).
    expect(entries).toEqual([
      { ...healthy, path: repo.path, branch: 'main', main: true },
      { ...healthy, path: detached, branch: null, detached: true },
      {
        ...healthy,
        path: gone,
        branch: 'flotilla/t3',
        prunable: true,
        prunableReason: expect.stringContaining('gitdir file points to non-existent location'),
      },
      { ...healthy, path: locked, branch: 'flotilla/t2', locked: true, lockedReason: 'on a USB disk' },
      { ...healthy, path: onBranch, branch: 'flotilla/t1' },
    ]);
    // The same list from inside a linked worktree.
    expect((await listWorktrees(onBranch!)).map((entry) => entry.path)).toEqual(entries.map((entry) => entry.path));
  });

  it('reads a lock without a reason, an unborn branch and attributes it does not know', () => {
    const output = [
      'worktree /r',
      'HEAD 0000000000000000000000000000000000000000',
      'branch refs/heads/new',
      '',
      'worktree /w',
      'HEAD abc',
      'detached',
      'locked',
      'shiny future attribute',
      '',
    ].join('\0');
    expect(parseWorktreeList(output)).toMatchObject([
      { path: '/r', head: null, branch: 'new', main: true, locked: false },
      { path: '/w', head: 'abc', detached: true, locked: true, lockedReason: null, prunable: false },
    ]);
  });
});
