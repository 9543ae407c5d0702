import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { mergeTrees } from './merge-tree.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setup() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, root);
  repo.git(['branch', 'task']);
  return repo;
}

describe('merge-tree', () => {
  it('merges cleanly in the object store only: the tree has both sides, no ref, index or file moves', async () => {
    const repo = setup();
    const main = repo.commit({ 'a.txt': 'a from main\n' }, 'main');
    repo.git(['switch', '-q', 'task']);
    const task = repo.commit({ 'b.txt': 'b from task\n' }, 'task');
    const merged = await mergeTrees(repo.path, main, task);
    expect(merged).toMatchObject({ clean: true, conflicts: [] });
    expect(repo.git(['show', `${merged.tree}:a.txt`])).toBe('a from main');
    expect(repo.git(['show', `${merged.tree}:b.txt`])).toBe('b from task');
    expect(repo.git(['rev-parse', 'main', 'task']).split('\n')).toEqual([main, task]);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('lists the conflicting paths once each, sorted, and keeps the markers in the tree', async () => {
    const repo = setup();
    repo.commit({ 'a.txt': 'main a\n', 'b.txt': 'main b\n' }, 'main');
    repo.git(['switch', '-q', 'task']);
    repo.commit({ 'a.txt': 'task a\n', 'b.txt': 'task b\n' }, 'task');
    const merged = await mergeTrees(repo.path, 'main', 'task');
    expect(merged).toMatchObject({ clean: false, conflicts: ['a.txt', 'b.txt'] });
    expect(repo.git(['show', `${merged.tree}:a.txt`])).toBe('<<<<<<< main\nmain a\n=======\ntask a\n>>>>>>> task');
  });
});
