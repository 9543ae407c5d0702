import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { defaultReadLimit, maxLineLength } from './read-file.js';
import { runTool } from './registry.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTemp(dir));

const read = (input: Record<string, unknown>, context = makeToolContext(dir)) => runTool('read_file', input, context);
const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

describe('read_file', () => {
  test('shows numbered lines like cat -n', async () => {
    writeFileSync(join(dir, 'a.txt'), 'alpha\n\tbeta\n');
    expect(await read({ path: 'a.txt' })).toEqual({ ok: true, output: '     1\talpha\n     2\t\tbeta' });
  });

  test(`reads at most ${defaultReadLimit} lines by default and says how to read on`, async () => {
    writeFileSync(join(dir, 'big.txt'), lines(2500));
    const result = await read({ path: 'big.txt' });
    expect(result.ok).toBe(true);
    expect(result.output).toContain(`  2000\tline 2000\n`);
    expect(result.output).not.toContain('line 2001');
    expect(result.output).toContain('showing lines 1–2000 of 2500');
  });

  test('honours offset and limit', async () => {
    writeFileSync(join(dir, 'big.txt'), lines(50));
    const result = await read({ path: 'big.txt', offset: 10, limit: 3 });
    expect(result.output).toBe(
      '    10\tline 10\n    11\tline 11\n    12\tline 12\n(showing lines 10–12 of 50; use offset and limit to read more)',
    );
    expect(await read({ path: 'big.txt', offset: 51 })).toEqual({
      ok: false,
      output: 'big.txt has 50 lines; offset 51 is past the end.',
    });
  });

  test('cuts very long lines', async () => {
    writeFileSync(join(dir, 'long.txt'), `${'x'.repeat(maxLineLength + 500)}\nshort\n`);
    const result = await read({ path: 'long.txt' });
    expect(result.output).toContain(`${'x'.repeat(maxLineLength)}… [500 more characters cut]`);
    expect(result.output).toContain('     2\tshort');
  });

  test('shows CRLF files without the carriage returns', async () => {
    writeFileSync(join(dir, 'dos.txt'), 'one\r\ntwo\r\n');
    expect((await read({ path: 'dos.txt' })).output).toBe('     1\tone\n     2\ttwo');
  });

  test('refuses files over 10 MB unless given offset/limit, suggesting them and grep', async () => {
    writeFileSync(join(dir, 'huge.txt'), `${'word\n'.repeat(2_300_000)}`);
    const refused = await read({ path: 'huge.txt' });
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/over the 10 MB limit.*offset and limit.*grep/s);
    const part = await read({ path: 'huge.txt', offset: 5, limit: 2 });
    expect(part.output).toBe(
      '     5\tword\n     6\tword\n(showing lines 5–6 of huge.txt; more follow, continue with offset 7)',
    );
    expect((await read({ path: 'huge.txt', offset: 3_000_000 })).output).toBe(
      'huge.txt has fewer than 3000000 lines; offset 3000000 is past the end.',
    );
  });

  test('refuses binary files', async () => {
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const result = await read({ path: 'image.png' });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('binary');
  });

  test('says when a file is empty, missing or a folder', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    mkdirSync(join(dir, 'folder'));
    expect(await read({ path: 'empty.txt' })).toEqual({ ok: true, output: '(empty.txt is empty)' });
    expect((await read({ path: 'missing.txt' })).output).toMatch(/^File not found: missing.txt/);
    expect((await read({ path: 'folder' })).output).toMatch(/is a folder/);
  });

  test('records the read so the file can then be written', async () => {
    writeFileSync(join(dir, 'a.txt'), 'old\n');
    const context = makeToolContext(dir);
    expect((await runTool('write_file', { path: 'a.txt', content: 'new\n' }, context)).ok).toBe(false);
    await read({ path: 'a.txt' }, context);
    expect(context.readState.stampOf(join(dir, 'a.txt'))).toMatchObject({ size: 4, hash: expect.any(String) });
    const time = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'a.txt'), time, time);
    // Touched but unchanged content still counts as read.
    expect((await runTool('write_file', { path: 'a.txt', content: 'new\n' }, context)).ok).toBe(true);
  });
});
