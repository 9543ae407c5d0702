import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { countChanges, parseNumstat } from './change-count.js';
import { computeTaskDiff } from './diff.js';

const temps: string[] = [];
afterEach(() => {
  for (const path of temps.splice(0)) removeTemp(path);
});

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}\n`).join('');

/** A repo whose task worktree (branch flotilla/x from main) has committed the given edits. */
function committedTask(files: Record<string, string>, edit: (worktree: string) => void) {
  const parent = makeTempDir();
  temps.push(parent);
  const repo = createTempRepo(files, parent);
  const worktree = join(parent, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/x', worktree, 'main']);
  const baseCommit = repo.git(['rev-parse', 'main']);
  edit(worktree);
  repo.git(['add', '-A'], worktree);
  repo.git(['commit', '-qm', 'task work'], worktree);
  return { repo, worktree, baseCommit };
}

describe('countChanges', () => {
  it('counts files and lines the way the review diff does: edits, additions, deletions, renames and binaries', async () => {
    const task = committedTask(
      { 'keep.txt': 'a\nb\nc\n', 'gone.txt': 'bye\nnow\n', 'old.txt': lines(10), 'image.bin': 'PNG\0\x01' },
      (worktree) => {
        writeFileSync(join(worktree, 'keep.txt'), 'a\nBB\nc\nd\n');
        writeFileSync(join(worktree, 'added.txt'), lines(3));
        writeFileSync(join(worktree, 'logo.bin'), '\0\x03binary');
        rmSync(join(worktree, 'gone.txt'));
        renameSync(join(worktree, 'old.txt'), join(worktree, 'new name.txt'));
      },
    );
    const count = await countChanges({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });
    // keep.txt +2 −1, added.txt +3, logo.bin binary, gone.txt −2, the rename 0/0.
    expect(count).toEqual({ files: 5, additions: 5, deletions: 3 });
    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });
    expect(count).toEqual({ files: diff.files.length, additions: diff.additions, deletions: diff.deletions });
  });

  it('counts against where the task meets its base, so commits made on main later do not count', async () => {
    const task = committedTask({ 'a.txt': 'a\n' }, (worktree) => writeFileSync(join(worktree, 'b.txt'), 'b\n'));
    task.repo.commit({ 'main-only.txt': lines(50) }, 'main moves on');
    expect(await countChanges({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit })).toEqual({
      files: 1,
      additions: 1,
      deletions: 0,
    });
  });

  it('says the base is gone when neither the base nor its starting commit resolves', async () => {
    const task = committedTask({ 'a.txt': 'a\n' }, (worktree) => writeFileSync(join(worktree, 'b.txt'), 'b\n'));
    await expect(
      countChanges({ worktree: task.worktree, baseRef: 'nope', baseCommit: '0'.repeat(40) }),
    ).rejects.toMatchObject({ code: 'baseNotFound' });
  });
});

describe('parseNumstat', () => {
  it('reads renames (three fields), binaries and paths with tabs', () => {
    const text = ['2\t1\tkeep.txt', '0\t0\t', 'old.txt', 'new.txt', '-\t-\tlogo.bin', '4\t0\ttab\there.txt', ''].join(
      '\0',
    );
    expect(parseNumstat(text)).toEqual({ files: 4, additions: 6, deletions: 1 });
    expect(parseNumstat('')).toEqual({ files: 0, additions: 0, deletions: 0 });
  });
});
