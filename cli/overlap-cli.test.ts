import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { captureIo } from '../testing/cli/test-io.js';
import { runCli } from './main.js';

async function waitUntilDead(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(50);
  }
  return false;
}

describe('flotilla list and show: overlap warnings', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;

  beforeEach(() => {
    temp = makeTempDir();
    home = `${temp}/home`;
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });

  afterEach(async () => {
    // `run` leaves a background engine holding the home.
    const holder = await readHomeLock(home);
    if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
      process.kill(holder.pid, 'SIGTERM');
      if (!(await waitUntilDead(holder.pid))) process.kill(holder.pid, 'SIGKILL');
    }
    removeTemp(temp);
  });

  async function cli(...argv: string[]) {
    const io = captureIo(home, { cwd: temp });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

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
