import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { runCli } from './main.js';
import { captureIo } from '../testing/cli/test-io.js';

describe('flotilla rename and archive', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;

  beforeEach(() => {
    temp = makeTempDir();
    home = `${temp}/home`;
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });
  afterEach(() => removeTemp(temp));

  async function cli(...argv: string[]) {
    const io = captureIo(home, { cwd: temp });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('renames a task, archives it and brings it back, as list shows', async () => {
    const ran = await cli('run', '--repo', repo.path, '--wait', 'say done\nwrite notes.txt hi');
    expect(ran.code).toBe(0);
    const taskId = /Task (\w+) on branch/.exec(ran.err)?.[1] ?? '';
    expect(taskId).not.toBe('');

    const renamed = await cli('rename', taskId.slice(0, 5), 'Write', 'the notes');
    expect(renamed).toMatchObject({ code: 0, out: `Renamed task ${taskId} to “Write the notes”.\n` });
    expect((await cli('list')).out).toMatch(new RegExp(`${taskId}\\s+done\\s+.*Write the notes`));

    const archived = await cli('archive', taskId);
    expect(archived.code).toBe(0);
    expect(archived.out).toContain(`flotilla archive ${taskId} --undo`);
    expect((await cli('list')).out).toMatch(new RegExp(`${taskId}\\s+done, archived\\s+`));
    expect((await cli('show', taskId)).out).toContain('archived');

    const back = await cli('archive', taskId, '--undo');
    expect(back).toMatchObject({ code: 0, out: `Task ${taskId} is back in the list.\n` });
    expect((await cli('list')).out).toMatch(new RegExp(`${taskId}\\s+done\\s+-\\s+flotilla/`));
  });

  it('explains what is missing', async () => {
    const noTitle = await cli('rename', 'abc');
    expect(noTitle.code).toBe(2);
    expect(noTitle.err).toContain('error: Missing the new title.');
    expect(noTitle.err).toContain('Usage: flotilla rename <task> "<title>"');
    const noTask = await cli('archive');
    expect(noTask.code).toBe(2);
    expect(noTask.err).toContain('Missing <task>.');
    expect((await cli('archive', '--help')).out).toContain('Usage: flotilla archive <task> [--undo]');
  });
});
