import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRepoSettings } from '../../shared/repo.js';
import type { TaskPhase } from '../../shared/task.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { prepareWorktree, type PrepareInput } from './prepare-worktree.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setUp(): {
  input: (baseCommit: string) => PrepareInput;
  phases: string[];
  repo: ReturnType<typeof createTempRepo>;
} {
  const temp = makeTempDir();
  temps.push(temp);
  const repo = createTempRepo({ 'README.md': '# base\n' }, temp);
  const phases: string[] = [];
  const input = (baseCommit: string): PrepareInput => ({
    repoPath: repo.path,
    commonDir: join(repo.path, '.git'),
    worktreesRoot: join(temp, 'worktrees'),
    worktree: join(temp, 'worktrees', 'task'),
    branch: 'flotilla/task',
    baseCommit,
    settings: { ...defaultRepoSettings },
    signal: new AbortController().signal,
    onPhase: (phase: TaskPhase, state) => phases.push(`${phase} ${state}`),
    onOutput: () => undefined,
  });
  return { input, phases, repo };
}

describe('prepareWorktree', () => {
  it('checks out the base commit on the new branch, phase by phase', async () => {
    const { input, phases, repo } = setUp();
    const base = repo.git(['rev-parse', 'HEAD']);
    await prepareWorktree(input(base));
    const worktree = input(base).worktree;
    expect(repo.git(['rev-parse', 'HEAD'], worktree)).toBe(base);
    expect(repo.git(['branch', '--show-current'], worktree)).toBe('flotilla/task');
    expect(existsSync(join(worktree, 'README.md'))).toBe(true);
    expect(phases.filter((phase) => phase.endsWith('finished'))).toEqual([
      'resolveBase finished',
      'addWorktree finished',
      'copyFiles finished',
      'setup finished',
      'ready finished',
    ]);
  });

  it('says the base commit is gone when it is no longer in the repository, and leaves nothing behind', async () => {
    const { input, repo } = setUp();
    const gone = 'deadbeef'.repeat(5);
    await expect(prepareWorktree(input(gone))).rejects.toThrow(
      /The base commit deadbeefdead is no longer in .*Start a new task from the current base/,
    );
    expect(existsSync(input(gone).worktree)).toBe(false);
    expect(repo.git(['branch', '--list', 'flotilla/*'])).toBe('');
    expect(repo.git(['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });
});
