import { describe, expect, it } from 'vitest';
import { makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { runCli } from './main.js';
import { captureIo } from '../testing/cli/test-io.js';

describe('flotilla CLI usage', () => {
  async function run(argv: string[]) {
    const home = makeTempDir();
    try {
      const io = captureIo(home);
      const code = await runCli(argv, io);
      return { code, out: io.out(), err: io.err() };
    } finally {
      removeTemp(home);
    }
  }

  it('prints the command list for --help and no command', async () => {
    const helped = await run(['--help']);
    expect(helped.code).toBe(0);
    expect(helped.out).toContain('flotilla <command>');
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/^error: Missing the command\.\n\nUsage: flotilla <command>/);
  });

  it('rejects unknown commands and options with exit code 2 and the usage', async () => {
    const unknown = await run(['launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('error: Unknown command "launch".');
    const badOption = await run(['list', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain("Unknown option '--colour'");
    expect(badOption.err).toContain('Usage: flotilla list');
  });

  it('has help for every command', async () => {
    for (const argv of [
      ['run'],
      ['list'],
      ['show'],
      ['diff'],
      ['merge'],
      ['push'],
      ['bring-in-base'],
      ['clean'],
      ['discard'],
      ['restore'],
      ['stop'],
      ['send'],
      ['budget'],
      ['serve'],
      ['repo'],
      ['repo', 'add'],
      ['repo', 'list'],
      ['repo', 'remove'],
    ]) {
      const result = await run([...argv, '--help']);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.out, argv.join(' ')).toContain(`Usage: flotilla ${argv.join(' ')}`);
    }
  });

  it('names bring-in-base in the command list and keeps sync as its alias, with the same help and arguments', async () => {
    expect((await run(['--help'])).out).toContain(
      '  bring-in-base <task>     Bring the latest base branch into a task (alias: sync)\n',
    );
    const [named, alias] = [await run(['bring-in-base', '--help']), await run(['sync', '--help'])];
    expect(alias).toEqual(named);
    expect(
      alias.out.startsWith(
        'Usage: flotilla bring-in-base <task> [--base <branch>] [--by-hand]\n       flotilla sync <task> …  (its old name, an alias for one release)\n',
      ),
    ).toBe(true);
    for (const name of ['bring-in-base', 'sync']) {
      const missing = await run([name]);
      expect(missing.code, name).toBe(2);
      expect(missing.err, name).toContain('Usage: flotilla bring-in-base');
    }
  });

  it('explains missing arguments', async () => {
    const noPrompt = await run(['run', '--wait']);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.err).toContain('Missing the prompt');
    const badStatus = await run(['list', '--status', 'finished']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.err).toContain('Unknown status "finished"');
    const badMode = await run(['merge', 'abc', '--mode', 'rebase']);
    expect(badMode.code).toBe(2);
    expect(badMode.err).toContain('--mode must be squash or merge');
    for (const [argv, message] of [
      [
        ['run', '--usd', 'ten', 'x'],
        '--usd takes a dollar amount such as 2 or 0.50, or "none" for no budget; "ten" is neither.',
      ],
      [['run', '--tokens', '1.5', 'x'], '--tokens takes a whole number such as 200000'],
      [['run', '--attempts', '40', 'x'], '--attempts takes a whole number from 1 to 16, not "40".'],
      [['run', '--approval', 'never', 'x'], '--approval is "auto" or "ask", not "never".'],
      [['run', '--agent', ' , ', 'x'], '--agent needs an agent id'],
      [
        ['budget', 'abc', '--usd=0'],
        '--usd takes a dollar amount such as 2 or 0.50, or "none" for no budget; "0" is neither.',
      ],
    ] as const) {
      const refused = await run([...argv]);
      expect(refused.code, argv.join(' ')).toBe(2);
      expect(refused.err, argv.join(' ')).toContain(message);
    }
    const noTask = await run(['show']);
    expect(noTask.code).toBe(2);
    expect(noTask.err).toContain('Missing <task>.');
  });
});
