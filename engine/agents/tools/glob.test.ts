import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { maxGlobResults } from './glob.js';
import { runTool } from './registry.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';
import { createWorktreeFixture, type WorktreeFixture } from '../../../testing/agents/worktree-fixture.js';

let fixture: WorktreeFixture;
beforeEach(() => {
  fixture = createWorktreeFixture();
});
afterEach(() => fixture.remove());

function write(files: Record<string, number>): void {
  for (const [name, age] of Object.entries(files)) {
    const path = join(fixture.worktree, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name);
    const time = new Date(Date.now() - age * 60_000);
    utimesSync(path, time, time);
  }
}

const glob = (input: Record<string, unknown>) => runTool('glob', input, makeToolContext(fixture.worktree));

describe('glob', () => {
  test('lists matching files relative to the worktree, newest first', async () => {
    write({ 'src/old.ts': 30, 'src/new.ts': 1, 'src/deep/mid.ts': 10, 'src/readme.md': 0 });
    expect(await glob({ pattern: '**/*.ts' })).toEqual({ ok: true, output: 'src/new.ts\nsrc/deep/mid.ts\nsrc/old.ts' });
    expect(await glob({ pattern: '*.ts', path: 'src/deep' })).toEqual({ ok: true, output: 'src/deep/mid.ts' });
    expect(await glob({ pattern: '**/*.rs' })).toEqual({ ok: true, output: 'No files match **/*.rs.' });
  });

  test('skips .git and node_modules unless the pattern names node_modules', async () => {
    write({ 'a.js': 1, 'node_modules/lib/index.js': 1, 'sub/.git/config': 1, '.hidden.js': 2 });
    const all = await glob({ pattern: '**/*' });
    expect(all.output.split('\n').sort()).toEqual(['.hidden.js', 'README.md', 'a.js']);
    expect((await glob({ pattern: 'node_modules/**/*.js' })).output).toBe('node_modules/lib/index.js');
  });

  test(`caps the list at ${maxGlobResults} with a note`, async () => {
    write(Object.fromEntries(Array.from({ length: maxGlobResults + 20 }, (_, index) => [`many/f${index}.txt`, index])));
    const result = await glob({ pattern: 'many/*.txt' });
    const lines = result.output.split('\n');
    expect(lines).toHaveLength(maxGlobResults + 1);
    expect(lines[0]).toBe('many/f0.txt');
    expect(lines.at(-1)).toBe(
      `(showing ${maxGlobResults} of ${maxGlobResults + 20} files, newest first; narrow the pattern or path to see the rest)`,
    );
  });

  test('does not follow symlinks out of the worktree', async () => {
    symlinkSync(fixture.outside, join(fixture.worktree, 'out-dir'));
    symlinkSync(join(fixture.outside, 'secret.txt'), join(fixture.worktree, 'out-file.txt'));
    expect((await glob({ pattern: '**/*.txt' })).output).toBe('No files match **/*.txt.');
    expect((await glob({ pattern: '*', path: 'out-dir' })).output).toMatch(/^Refused path "out-dir"/);
  });

  test.each([
    [{ pattern: '../*' }, /^Refused pattern "\.\.\/\*": it climbs out/],
    [{ pattern: '../outside/*.txt' }, /^Refused pattern/],
    [{ pattern: 'src/../../*' }, /^Refused pattern/],
    [{ pattern: '/etc/*' }, /^Refused pattern "\/etc\/\*": it is absolute/],
    [{ pattern: '.git/**' }, /^Refused pattern.*\.git are off limits/],
    [{ pattern: '*', path: '..' }, /^Refused path/],
    [{ pattern: '*', path: '/etc' }, /^Refused path/],
    [{ pattern: '*', path: '.git' }, /^Refused path/],
  ])('refuses %j', async (input, message) => {
    const result = await glob(input);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(message);
  });
});
