import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { runTool } from './registry.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTemp(dir));

describe('write_file', () => {
  test('creates new files and their folders without a read', async () => {
    const result = await runTool(
      'write_file',
      { path: 'deep/er/new.txt', content: 'one\ntwo\n' },
      makeToolContext(dir),
    );
    expect(result).toEqual({ ok: true, output: 'Created deep/er/new.txt (2 lines, 8 bytes).' });
    expect(readFileSync(join(dir, 'deep/er/new.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  test('refuses to replace a file that was not read, telling to read it first', async () => {
    writeFileSync(join(dir, 'a.txt'), 'keep\n');
    const result = await runTool('write_file', { path: 'a.txt', content: 'lost\n' }, makeToolContext(dir));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/not read it\. Read it with read_file first/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('keep\n');
  });

  test('replaces a file after reading it, and again after its own write', async () => {
    writeFileSync(join(dir, 'a.txt'), 'v1\n');
    const context = makeToolContext(dir);
    await runTool('read_file', { path: 'a.txt' }, context);
    expect(await runTool('write_file', { path: 'a.txt', content: 'v2\n' }, context)).toEqual({
      ok: true,
      output: 'Replaced a.txt (1 line, 3 bytes).',
    });
    expect((await runTool('write_file', { path: 'a.txt', content: 'v3\n' }, context)).ok).toBe(true);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('v3\n');
  });

  test('refuses a file that changed since it was read', async () => {
    writeFileSync(join(dir, 'a.txt'), 'v1\n');
    const context = makeToolContext(dir);
    await runTool('read_file', { path: 'a.txt' }, context);
    writeFileSync(join(dir, 'a.txt'), 'someone else\n');
    const result = await runTool('write_file', { path: 'a.txt', content: 'mine\n' }, context);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/changed since you last read it.*Read it again/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('someone else\n');
  });

  test('writes through a symlink that stays inside to its target', async () => {
    writeFileSync(join(dir, 'real.txt'), 'v1\n');
    symlinkSync('real.txt', join(dir, 'alias.txt'));
    const context = makeToolContext(dir);
    await runTool('read_file', { path: 'alias.txt' }, context);
    expect((await runTool('write_file', { path: 'alias.txt', content: 'v2\n' }, context)).ok).toBe(true);
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe('v2\n');
  });

  test('refuses a fifo instead of blocking on it', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const result = await runTool('write_file', { path: 'pipe', content: 'x' }, makeToolContext(dir));
    expect(result).toEqual({ ok: false, output: 'pipe is not a regular file; write_file only replaces files.' });
  });

  test('refuses a folder', async () => {
    const result = await runTool('write_file', { path: '.', content: 'x' }, makeToolContext(dir));
    expect(result).toEqual({ ok: false, output: '. is a folder; give a file path.' });
  });
});
