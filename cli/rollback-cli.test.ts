import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { runCli } from './main.js';
import { captureIo } from '../testing/cli/test-io.js';

describe('flotilla rollback', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;

  beforeEach(() => {
    temp = makeTempDir();
    home = join(temp, 'home');
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });
  afterEach(() => removeTemp(temp));

  async function cli(...argv: string[]) {
    const io = captureIo(home, { cwd: temp });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('lists the checkpoints, rolls back to one and says where the later work is kept', async () => {
    const ran = await cli('run', '--repo', repo.path, '--wait', 'write notes.txt first');
    expect(ran.code).toBe(0);
    const taskId = /Task (\w+) on branch/.exec(ran.err)?.[1] ?? '';
    const worktree = join(home, 'worktrees');
    const branch = /on branch (\S+?)\.?\s/.exec(ran.err)?.[1] ?? '';
    const first = repo.git(['rev-parse', branch]);

    const listed = await cli('rollback', taskId);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`Checkpoints of task ${taskId}, oldest first:`);
    expect(listed.out).toContain(
      `${first.slice(0, 10)}  flotilla: turn 1 completed · 1 file changed: 1 line added, 0 removed  (the branch is here)`,
    );

    // Work done by hand after the last checkpoint: rolled back too, and kept.
    const folder = repo
      .git(['worktree', 'list', '--porcelain'])
      .split('\n')
      .find((line) => line.startsWith('worktree ') && line.includes(worktree))!
      .slice('worktree '.length);
    writeFileSync(join(folder, 'later.txt'), 'later\n');
    const rolled = await cli('rollback', taskId.slice(0, 5), first.slice(0, 7));
    expect(rolled.err).toBe('');
    expect(rolled.code).toBe(0);
    const archiveRef = /kept under (\S+);/.exec(rolled.out)?.[1] ?? '';
    expect(rolled.out).toContain(
      `Rolled back task ${taskId}: ${branch} and its worktree are at checkpoint ${first.slice(0, 10)} now.`,
    );
    expect(archiveRef).toMatch(new RegExp(`^refs/flotilla/archive/${taskId}-rollback-`));
    expect(repo.git(['rev-parse', branch])).toBe(first);
    expect(existsSync(join(folder, 'later.txt'))).toBe(false);
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('first');
    expect(repo.git(['show', `${archiveRef}:later.txt`])).toBe('later');

    const wrong = await cli('rollback', taskId, repo.git(['rev-parse', 'main']));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain(`is not a checkpoint of task ${taskId}`);
  });
});
