import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { useCliHome } from '../testing/cli/cli-home.js';
import type { TempRepo } from '../testing/engine/temp-repo.js';

describe('flotilla queue', () => {
  const kit = useCliHome();
  const { cli } = kit;
  let repo: TempRepo;
  beforeEach(() => {
    ({ repo } = kit);
  });

  async function finished(prompt: string): Promise<string> {
    const ran = await cli('run', '--repo', repo.path, '--wait', prompt);
    expect(ran.code).toBe(0);
    return /Task (\w+) on branch/.exec(ran.err)?.[1] ?? '';
  }

  it('queues finished tasks, shows the queue, refuses what it cannot queue, and merges them in order', async () => {
    expect((await cli('queue')).out).toContain('No merge queue yet.');
    const first = await finished('write one.txt one');
    const second = await finished('write two.txt two');
    expect(await cli('queue', 'pause', '--repo', 'repo', '--base', 'main')).toMatchObject({
      code: 0,
      out: 'Paused the queue of main.\n',
    });
    const added = await cli('queue', 'add', first, second);
    expect(added.code).toBe(0);
    expect(added.out).toBe('Queued on main: 2 waiting (the queue is paused).\n');
    const again = await cli('queue', 'add', first);
    expect(again).toMatchObject({ code: 1 });
    expect(again.err).toContain(`error: Task ${first} is already in the merge queue of main (position 1).`);
    const listed = (await cli('queue')).out;
    expect(listed).toContain('repo → main (paused); conflicts go to the agent');
    expect(listed).toMatch(new RegExp(`1\\s+${first}\\s+queued\\s+write one.txt one`));

    expect((await cli('queue', 'resume')).out).toBe('Resumed the queue of main.\n');
    const deadline = Date.now() + 30_000;
    let out = '';
    while (!/2\s+\S+\s+merged/.test(out) && Date.now() < deadline) {
      out = (await cli('queue', 'list')).out;
      await sleep(200);
    }
    expect(out).toMatch(new RegExp(`1\\s+${first}\\s+merged\\s+write one.txt one\\s+merged as [0-9a-f]{10}`));
    expect(out).toMatch(new RegExp(`2\\s+${second}\\s+merged`));
    expect(repo.git(['ls-tree', '--name-only', 'main'])).toBe('README.md\none.txt\ntwo.txt');
  });

  it('says what is wrong with bad usage', async () => {
    expect((await cli('queue', 'add')).err).toContain('error: Give the finished tasks to queue.');
    const mode = await cli('queue', 'add', 'abc', '--on-conflict', 'later');
    expect(mode).toMatchObject({ code: 2 });
    expect(mode.err).toContain('error: --on-conflict is agent or wait, not "later".');
    expect((await cli('queue', 'shuffle')).err).toContain('error: Unknown queue command "shuffle".');
  });
});
