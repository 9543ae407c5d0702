import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { changedPaths, leftoversNotice } from './verify-leftovers.js';

const temps: string[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) removeTemp(temp);
});

describe('what the checks left in a worktree', () => {
  it('lists new, changed, deleted and renamed paths once each, and nothing ignored', async () => {
    const root = makeTempDir();
    temps.push(root);
    const repo = createTempRepo(
      { 'README.md': '# test\n', 'old.txt': 'x\n', 'gone.txt': 'y\n', '.gitignore': '*.tmp\n' },
      root,
    );
    expect(await changedPaths(repo.path)).toEqual([]);
    repo.write({ 'README.md': '# changed\n', 'report with spaces.xml': '<r/>\n', 'cache.tmp': 'z\n' });
    repo.git(['mv', 'old.txt', 'new.txt']);
    repo.git(['rm', '-q', 'gone.txt']);
    expect((await changedPaths(repo.path)).sort()).toEqual([
      'README.md',
      'gone.txt',
      'new.txt',
      'report with spaces.xml',
    ]);
  });

  it('names at most five paths and counts the rest', () => {
    expect(leftoversNotice([])).toBeNull();
    const notice = leftoversNotice(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(notice).toContain('not in the commit they checked: a, b, c, d, e and 2 more.');
    expect(notice).toContain('Add them to .gitignore');
  });
});
