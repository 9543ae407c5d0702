import { describe, expect, it } from 'vitest';
import { overlapPairs, overlapsByTask, type TaskFiles } from './find-overlaps.js';

function task(id: string, files: string[], options: { base?: string; groupId?: string | null } = {}): TaskFiles {
  return {
    task: {
      id,
      title: `Task ${id}`,
      repoId: 'repo',
      baseRef: 'main',
      baseBranch: options.base ?? 'main',
      groupId: options.groupId ?? null,
    },
    files,
  };
}

/** Every pair compared with every other: what overlapPairs must find, however it finds it. */
function everyPair(tasks: TaskFiles[]): { first: string; second: string; files: string[] }[] {
  const sorted = [...tasks].sort((a, b) => a.task.id.localeCompare(b.task.id));
  const pairs: { first: string; second: string; files: string[] }[] = [];
  sorted.forEach((first, index) => {
    for (const second of sorted.slice(index + 1)) {
      if (first.task.baseBranch !== second.task.baseBranch) continue;
      if (first.task.groupId !== null && first.task.groupId === second.task.groupId) continue;
      const files = [...new Set(second.files.filter((file) => first.files.includes(file)))].sort();
      if (files.length > 0) pairs.push({ first: first.task.id, second: second.task.id, files });
    }
  });
  return pairs;
}

describe('overlapPairs', () => {
  it('pairs tasks on one base that change a same file, in id order, never attempts of one group', () => {
    const pairs = overlapPairs([
      task('c', ['src/b.ts', 'src/a.ts']),
      task('a', ['src/a.ts', 'src/b.ts', 'README.md']),
      task('b', ['docs/x.md']),
      task('d', ['src/a.ts'], { base: 'release' }),
      task('e', ['README.md'], { groupId: 'g' }),
      task('f', ['README.md'], { groupId: 'g' }),
    ]);
    expect(pairs.map((pair) => [pair.first.task.id, pair.second.task.id, pair.files])).toEqual([
      ['a', 'c', ['src/a.ts', 'src/b.ts']],
      ['a', 'e', ['README.md']],
      ['a', 'f', ['README.md']],
    ]);
  });

  it('finds what comparing every pair finds, for hundreds of tasks sharing a few files', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const tasks = Array.from({ length: 300 }, (_, index) =>
      task(
        `t${String(index).padStart(3, '0')}`,
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => `notes-${Math.floor(random() * 30)}.txt`),
        { base: random() < 0.2 ? 'release' : 'main', groupId: random() < 0.1 ? `g${index % 3}` : null },
      ),
    );
    const found = overlapPairs(tasks).map((pair) => ({
      first: pair.first.task.id,
      second: pair.second.task.id,
      files: pair.files,
    }));
    expect(found.length).toBeGreaterThan(1000);
    expect(found).toEqual(everyPair(tasks));
  });

  it('gives each task of a pair the other, with what is known about conflicts', () => {
    const [pair] = overlapPairs([task('a', ['x']), task('b', ['x'])]);
    const byTask = overlapsByTask(pair ? [pair] : [], () => true);
    expect(byTask.get('a')).toEqual([{ taskId: 'b', title: 'Task b', files: ['x'], conflicts: true }]);
    expect(byTask.get('b')).toEqual([{ taskId: 'a', title: 'Task a', files: ['x'], conflicts: true }]);
  });
});
