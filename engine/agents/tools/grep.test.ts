import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findExecutable } from '../sandbox/find-executable.js';
import { createGrepTool, grepEngine, maxGrepLines, type GrepEngine } from './grep.js';
import { runTool } from './registry.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';
import { createWorktreeFixture, type WorktreeFixture } from '../../../testing/agents/worktree-fixture.js';

let fixture: WorktreeFixture;

beforeAll(() => {
  fixture = createWorktreeFixture();
  const files: Record<string, string | Buffer> = {
    'src/app.ts': 'const needle = 1;\nconst other = 2;\nNEEDLE again\n',
    'src/deep/util.ts': 'export const needle = 3;\n',
    'docs/notes.md': 'a needle in docs\n',
    '.hidden/conf.ts': 'needle hidden\n',
    'node_modules/lib/index.ts': 'needle in a dependency\n',
    'sub/.git/config': 'needle in git data\n',
    'image.bin': Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2, 3])]),
    'big.txt': `${'filler line\n'.repeat(1_000_000)}needle at the end\n`,
    'many.log': 'hay needle\n'.repeat(maxGrepLines + 50),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture.worktree, name)), { recursive: true });
    writeFileSync(join(fixture.worktree, name), content);
  }
  writeFileSync(join(fixture.outside, 'secret.txt'), 'needle outside\n');
  symlinkSync(fixture.outside, join(fixture.worktree, 'out-dir'));
  symlinkSync(join(fixture.outside, 'secret.txt'), join(fixture.worktree, 'out-file.txt'));
});
afterAll(() => fixture.remove());

const ripgrep = findExecutable('rg');
const engines: [string, GrepEngine][] = [['JavaScript search', { kind: 'script' }]];
if (ripgrep) engines.push(['ripgrep', { kind: 'ripgrep', executable: ripgrep }]);

test('grep uses ripgrep when it is on PATH and the JavaScript search otherwise', () => {
  if (!ripgrep)
    console.warn(
      'ripgrep (rg) is not on PATH here: only the JavaScript search is tested. Install ripgrep to test both.',
    );
  expect(grepEngine()).toEqual(ripgrep ? { kind: 'ripgrep', executable: ripgrep } : { kind: 'script' });
});

describe.each(engines)('grep with %s', (_name, engine) => {
  const tool = createGrepTool(() => engine);
  const grep = (input: Record<string, unknown>) => runTool('grep', input, makeToolContext(fixture.worktree), [tool]);

  test('lists matching files by default, skipping binary, big, .git, node_modules and symlinked files', async () => {
    const result = await grep({ pattern: 'needle' });
    expect(result).toEqual({
      ok: true,
      output: ['.hidden/conf.ts', 'docs/notes.md', 'many.log', 'src/app.ts', 'src/deep/util.ts'].join('\n'),
    });
    // The worktree's .git file says "gitdir: ..."; it is git data, never searched.
    expect(await grep({ pattern: 'gitdir' })).toEqual({ ok: true, output: 'No matches for gitdir.' });
  });

  test('shows path:line:text in content mode and counts in count mode', async () => {
    expect(await grep({ pattern: 'needle|NEEDLE', path: 'src', output_mode: 'content' })).toEqual({
      ok: true,
      output: 'src/app.ts:1:const needle = 1;\nsrc/app.ts:3:NEEDLE again\nsrc/deep/util.ts:1:export const needle = 3;',
    });
    expect(await grep({ pattern: 'needle', path: 'src', output_mode: 'count', case_insensitive: true })).toEqual({
      ok: true,
      output: 'src/app.ts:2\nsrc/deep/util.ts:1',
    });
  });

  test('filters files by glob, at any depth for a bare name pattern', async () => {
    expect((await grep({ pattern: 'needle', glob: '*.ts' })).output).toBe(
      '.hidden/conf.ts\nsrc/app.ts\nsrc/deep/util.ts',
    );
    expect((await grep({ pattern: 'needle', glob: 'src/deep/*.ts' })).output).toBe('src/deep/util.ts');
    expect((await grep({ pattern: 'needle', glob: 'node_modules/**' })).output).toBe('node_modules/lib/index.ts');
  });

  test('searches a single file', async () => {
    expect((await grep({ pattern: 'other', path: 'src/app.ts', output_mode: 'content' })).output).toBe(
      'src/app.ts:2:const other = 2;',
    );
  });

  test('caps the output with a note', async () => {
    const result = await grep({ pattern: 'hay', output_mode: 'content' });
    const lines = result.output.split('\n');
    expect(lines).toHaveLength(maxGrepLines + 1);
    expect(lines[0]).toBe('many.log:1:hay needle');
    expect(lines.at(-1)).toMatch(/^\(showing the first 250 lines; there are more/);
  });

  test('reports no matches and bad patterns', async () => {
    expect(await grep({ pattern: 'haystack-free' })).toEqual({ ok: true, output: 'No matches for haystack-free.' });
    const bad = await grep({ pattern: '(unclosed' });
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/^grep failed: .*(regex parse error|Invalid regular expression)/s);
  });

  test.each([
    { path: 'out-dir' },
    { path: 'out-file.txt' },
    { path: '../outside' },
    { path: '.git' },
    { path: '/etc' },
    { glob: '../**' },
    { glob: '.git/*' },
  ])('refuses %j', async (input) => {
    const result = await grep({ pattern: 'needle', ...input });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^Refused (path|glob)/);
  });
});
