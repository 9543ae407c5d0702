import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useCliHome } from '../testing/cli/cli-home.js';

/** The folders under the home's worktrees, for every repository: the warm pool's (pool-…) or the tasks'. */
function worktreeFolders(home: string, pool: boolean): string[] {
  const root = join(home, 'worktrees');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((repo) =>
    readdirSync(join(root, repo))
      .filter((name) => name.startsWith('pool-') === pool)
      .map((name) => join(root, repo, name)),
  );
}

/** The warm pool's folders under the home's worktrees. */
const poolFolders = (home: string) => worktreeFolders(home, true);

describe('flotilla repo set --pool and flotilla clean', () => {
  const kit = useCliHome();
  const { cli } = kit;

  it('turns the warm pool on, which the running engine fills; clean removes its worktrees', async () => {
    expect((await cli('repo', 'add', 'repo')).code).toBe(0);
    const set = await cli('repo', 'set', 'repo', '--pool', '1');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Warm pool: 1 worktree kept prepared at the tip of the current branch');
    const bad = await cli('repo', 'set', 'repo', '--pool', '99');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--pool');

    // A task started in the background leaves an engine running, which fills the pool.
    const run = await cli('run', '--repo', 'repo', 'say hello');
    expect(run.code).toBe(0);
    // The task's worktree in place first: the task may have claimed the pool's first worktree (renamed into place),
    // and the pool refills only after that.
    const waiting = { timeout: 20_000, interval: 50 };
    await vi.waitFor(() => expect(worktreeFolders(kit.home, false)).toHaveLength(1), waiting);
    await vi.waitFor(() => expect(poolFolders(kit.home)).toHaveLength(1), waiting);

    const cleaned = await cli('clean');
    expect(cleaned.code).toBe(0);
    expect(cleaned.out).toContain('Removed 1 prepared worktree of the warm pool');
    expect(poolFolders(kit.home)).toEqual([]);
    // The task is untouched: the pool's worktrees are not tasks.
    expect((await cli('list')).out).toContain('hello');
  }, 60_000);
});
