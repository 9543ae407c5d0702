import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../testing/engine/temp-repo.js';
import { useCliHome } from '../testing/cli/cli-home.js';

describe('flotilla list and show: overlap warnings', () => {
  const kit = useCliHome();
  const { cli } = kit;
  let repo: TempRepo;
  beforeEach(() => {
    ({ repo } = kit);
  });

  /** Starts a task in the background engine (started by the first), which also checks overlaps for conflicts. */
  async function run(prompt: string): Promise<string> {
    const ran = await cli('run', '--repo', repo.path, prompt);
    expect(ran.code).toBe(0);
    return ran.out.trim();
  }

  /** The task's row of `flotilla list`, once it matches. */
  async function rowOf(taskId: string, match: RegExp): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = (await cli('list')).out.split('\n').find((line) => line.startsWith(taskId)) ?? '';
      if (match.test(row) || Date.now() > deadline) return row;
      await sleep(50);
    }
  }

  it('shows which task each overlaps with in the OVERLAP column and in show, until one is merged', async () => {
    const first = await run('write shared.txt one');
    const second = await run('write shared.txt two');
    const third = await run('write other.txt three');

    expect((await cli('list')).out.split('\n')[0]).toMatch(/CHANGES\s+OVERLAP\s+COST/);
    expect(await rowOf(first, /conflicts/)).toContain(`${second} (conflicts)`);
    expect(await rowOf(second, /conflicts/)).toContain(`${first} (conflicts)`);
    expect(await rowOf(third, /done/)).toMatch(/\(1 file\)\s+-\s/);

    const shown = await cli('show', first);
    expect(shown.out).toMatch(
      new RegExp(
        `Overlap\\s+Changes the same file shared.txt as “write shared.txt two” \\(${second}\\); their changes conflict\\.`,
      ),
    );

    expect((await cli('merge', second)).code).toBe(0);
    expect(await rowOf(first, /\(1 file\)\s+-\s/)).toMatch(/\(1 file\)\s+-\s/);
    const after = await cli('show', first);
    expect(after.out).not.toMatch(/^Overlap/m);
    expect(after.out).toContain('No longer changes the same files as another active task.');
  });
});
