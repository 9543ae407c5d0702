import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOwnedWorktree } from '../../testing/engine/owned-worktree.js';
import { createTempRepo, removeTemp, type TempRepo } from '../../testing/engine/temp-repo.js';
import { archiveAndRemove } from './archive.js';
import { assertOwnedWorktree } from './ownership.js';
import { listWorktrees } from '../git/worktree-list.js';

const temps: string[] = [];
afterEach(() => {
  for (const path of temps.splice(0)) removeTemp(path);
});

const setup = () => createOwnedWorktree(temps);

/** Everything a wrongful delete could destroy: git's worktrees and refs, and the target's files. */
function state(repo: TempRepo, target: string) {
  return {
    worktrees: repo.git(['worktree', 'list', '--porcelain']),
    refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)']),
    marker: readFileSync(join(target, 'marker.txt'), 'utf8'),
  };
}

describe('assertOwnedWorktree', () => {
  it('accepts a task worktree under the root and reports git’s record of it', async () => {
    const { repo, worktreesRoot, worktree } = setup();
    const owned = await assertOwnedWorktree({ repoPath: repo.path, worktree, worktreesRoot });
    expect(owned).toMatchObject({ kind: 'present', path: worktree, entry: { branch: 'flotilla/t', main: false } });
  });

  it('reports a folder deleted behind git’s back as missing rather than refusing', async () => {
    const { repo, worktreesRoot, worktree } = setup();
    rmSync(worktree, { recursive: true });
    const owned = await assertOwnedWorktree({ repoPath: repo.path, worktree, worktreesRoot });
    expect(owned).toMatchObject({ kind: 'missing', path: worktree, entry: { branch: 'flotilla/t', prunable: true } });
  });

  const refusals: {
    name: string;
    make: (context: ReturnType<typeof setup>) => { target: string; worktree: string; repoPath?: string };
    reason: string;
  }[] = [
    {
      reason: 'outsideRoot',
      name: 'the user’s main checkout',
      make: ({ repo }) => ({ target: repo.path, worktree: repo.path }),
    },
    {
      reason: 'outsideRoot',
      name: 'a folder outside the root',
      make: ({ tmp }) => {
        mkdirSync(join(tmp, 'elsewhere'));
        return { target: join(tmp, 'elsewhere'), worktree: join(tmp, 'elsewhere') };
      },
    },
    {
      reason: 'outsideRoot',
      name: 'a worktree registered with git but outside the root',
      make: ({ tmp, repo }) => {
        repo.git(['worktree', 'add', '-q', '-b', 'outside', join(tmp, 'outside'), 'main']);
        return { target: join(tmp, 'outside'), worktree: join(tmp, 'outside') };
      },
    },
    {
      reason: 'outsideRoot',
      name: 'a symlink inside the root pointing at the user’s repo',
      make: ({ repo, worktreesRoot }) => {
        symlinkSync(repo.path, join(worktreesRoot, 'repo', 'link'), 'dir');
        return { target: repo.path, worktree: join(worktreesRoot, 'repo', 'link') };
      },
    },
    {
      reason: 'outsideRoot',
      name: 'a symlink inside the root pointing at a registered worktree outside it',
      make: ({ tmp, repo, worktreesRoot }) => {
        repo.git(['worktree', 'add', '-q', '-b', 'outside', join(tmp, 'outside'), 'main']);
        symlinkSync(join(tmp, 'outside'), join(worktreesRoot, 'repo', 'link'), 'dir');
        return { target: join(tmp, 'outside'), worktree: join(worktreesRoot, 'repo', 'link') };
      },
    },
    {
      reason: 'notRegistered',
      name: 'a plain folder inside the root that git does not know',
      make: ({ worktreesRoot }) => {
        mkdirSync(join(worktreesRoot, 'repo', 'stray'));
        return { target: join(worktreesRoot, 'repo', 'stray'), worktree: join(worktreesRoot, 'repo', 'stray') };
      },
    },
    {
      reason: 'outsideRoot',
      name: 'the root itself',
      make: ({ worktreesRoot }) => ({ target: worktreesRoot, worktree: worktreesRoot }),
    },
    {
      reason: 'mainWorktree',
      name: 'another repo’s main checkout inside the root',
      make: ({ worktreesRoot }) => {
        const inner = createTempRepo({ 'README.md': 'inner\n' }, join(worktreesRoot, 'repo'), 'inner');
        return { target: inner.path, worktree: inner.path, repoPath: inner.path };
      },
    },
  ];

  it.each(refusals)('refuses $name and deletes nothing', async ({ make, reason }) => {
    const context = setup();
    const { target, worktree, repoPath = context.repo.path } = make(context);
    writeFileSync(join(target, 'marker.txt'), 'still here\n');
    const before = state(context.repo, target);
    const gate = { repoPath, worktree, worktreesRoot: context.worktreesRoot };

    await expect(assertOwnedWorktree(gate)).rejects.toMatchObject({
      code: 'unsafePath',
      message: `Refusing to delete ${worktree}: it is not a Flotilla worktree under FLOTILLA_HOME.`,
      details: { reason },
    });
    await expect(archiveAndRemove({ ...gate, branch: 'flotilla/t', taskId: 't1' })).rejects.toMatchObject({
      code: 'unsafePath',
    });

    expect(existsSync(worktree)).toBe(true);
    expect(state(context.repo, target)).toEqual(before);
    expect(context.repo.git(['for-each-ref', 'refs/flotilla/'])).toBe('');
  });
});

describe('listWorktrees', () => {
  it('reports branch, detached, locked with its reason and prunable worktrees', async () => {
    const { tmp, repo, worktree } = setup();
    repo.git(['worktree', 'add', '-q', '--detach', join(tmp, 'detached'), 'main']);
    repo.git(['worktree', 'lock', '--reason', 'on a usb drive\nsecond line', worktree]);
    repo.git(['worktree', 'add', '-q', '-b', 'gone', join(tmp, 'gone'), 'main']);
    rmSync(join(tmp, 'gone'), { recursive: true });
    const head = repo.git(['rev-parse', 'main']);

    const entries = await listWorktrees(repo.path);

    const at = (path: string) => entries.find((entry) => entry.path === path);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ path: repo.path, main: true, branch: 'main', head, locked: false });
    expect(at(worktree)).toMatchObject({
      main: false,
      branch: 'flotilla/t',
      locked: true,
      lockedReason: 'on a usb drive\nsecond line',
      prunable: false,
    });
    expect(at(join(tmp, 'detached'))).toMatchObject({ branch: null, detached: true, head });
    expect(at(join(tmp, 'gone'))).toMatchObject({
      branch: 'gone',
      prunable: true,
      prunableReason: expect.stringMatching(/non-existent/),
    });
  });
});
