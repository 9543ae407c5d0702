import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { commitAll, commitTree } from './commit.js';
import { headCommit, treeOf } from './refs.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setup() {
  const root = makeTempDir();
  temps.push(root);
  return createTempRepo({ 'a.txt': 'a\n' }, root);
}

describe('commit', () => {
  it('commitAll stages everything (untracked too) and commits it on the branch with the message as given', async () => {
    const repo = setup();
    const before = await headCommit(repo.path);
    writeFileSync(join(repo.path, 'a.txt'), 'a, edited\n');
    writeFileSync(join(repo.path, 'new.txt'), 'new\n');
    const message = 'checkpoint\n\n# not a comment: kept verbatim';
    const commit = await commitAll(repo.path, message);
    expect(commit).toBe(repo.git(['rev-parse', 'refs/heads/main']));
    expect(repo.git(['rev-parse', `${commit}^`])).toBe(before);
    expect(repo.git(['show', '-s', '--format=%B', commit!])).toBe(message);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('commitAll returns null and commits nothing when nothing changed, or only an ignored file did', async () => {
    const repo = setup();
    const before = await headCommit(repo.path);
    expect(await commitAll(repo.path, 'nothing')).toBeNull();
    repo.commit({ '.gitignore': 'build/\n' }, 'ignore build');
    const ignoring = await headCommit(repo.path);
    repo.write({ 'build/out.js': 'x\n' });
    expect(await commitAll(repo.path, 'nothing')).toBeNull();
    expect(await headCommit(repo.path)).toBe(ignoring);
    expect(ignoring).not.toBe(before);
  });

  it('commitTree makes a commit on no branch with the given tree and parents', async () => {
    const repo = setup();
    const first = await headCommit(repo.path);
    const second = repo.commit({ 'a.txt': 'a2\n' }, 'second');
    const merge = await commitTree(repo.path, await treeOf(repo.path, second), [first, second], 'two parents');
    expect(repo.git(['rev-list', '--parents', '-n', '1', merge]).split(' ')).toEqual([merge, first, second]);
    expect(repo.git(['rev-parse', `${merge}^{tree}`])).toBe(await treeOf(repo.path, second));
    expect(repo.git(['rev-parse', 'main'])).toBe(second);
  });
});
