import { readFileSync, writeFileSync } from 'node:fs';
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

async function readFirst(name: string, content: string) {
  writeFileSync(join(dir, name), content);
  const context = makeToolContext(dir);
  await runTool('read_file', { path: name }, context);
  return context;
}

const file = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('edit_file', () => {
  test('replaces one exact occurrence and shows the lines around it', async () => {
    const source = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
    const context = await readFirst('a.txt', source);
    const result = await runTool(
      'edit_file',
      { path: 'a.txt', old_string: 'line 5\n', new_string: 'five\nfive and a half\n' },
      context,
    );
    expect(result.ok).toBe(true);
    expect(result.output).toBe(
      'Edited a.txt (replaced 1 occurrence). The first change now reads:\n' +
        [
          '     2\tline 2',
          '     3\tline 3',
          '     4\tline 4',
          '     5\tfive',
          '     6\tfive and a half',
          '     7\tline 6',
          '     8\tline 7',
          '     9\tline 8',
        ].join('\n'),
    );
    expect(file('a.txt')).toContain('line 4\nfive\nfive and a half\nline 6\n');
  });

  test('errs when the file does not exist', async () => {
    const result = await runTool(
      'edit_file',
      { path: 'nope.txt', old_string: 'a', new_string: 'b' },
      makeToolContext(dir),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^File not found: nope.txt.*write_file/);
  });

  test('errs when old_string is not in the file', async () => {
    const context = await readFirst('a.txt', 'hello\n');
    const result = await runTool('edit_file', { path: 'a.txt', old_string: 'goodbye', new_string: 'x' }, context);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^old_string was not found in a.txt/);
  });

  test('errs when old_string occurs more than once, unless replace_all', async () => {
    const context = await readFirst('a.txt', 'x = 1\nx = 1\nx = 1\n');
    const result = await runTool('edit_file', { path: 'a.txt', old_string: 'x = 1', new_string: 'x = 2' }, context);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/occurs 3 times.*more surrounding lines.*replace_all/);
    expect(file('a.txt')).toBe('x = 1\nx = 1\nx = 1\n');
    const all = await runTool(
      'edit_file',
      { path: 'a.txt', old_string: 'x = 1', new_string: 'x = 2', replace_all: true },
      context,
    );
    expect(all.output).toMatch(/^Edited a.txt \(replaced 3 occurrences\)/);
    expect(file('a.txt')).toBe('x = 2\nx = 2\nx = 2\n');
  });

  test('errs when old_string equals new_string', async () => {
    const context = await readFirst('a.txt', 'same\n');
    const result = await runTool('edit_file', { path: 'a.txt', old_string: 'same', new_string: 'same' }, context);
    expect(result).toEqual({
      ok: false,
      output: 'old_string and new_string are identical; there is nothing to change.',
    });
  });

  test('errs when the file was not read, or changed since it was read', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    const unread = await runTool(
      'edit_file',
      { path: 'a.txt', old_string: 'hello', new_string: 'bye' },
      makeToolContext(dir),
    );
    expect(unread.output).toMatch(/not read it\. Read it with read_file first/);
    const context = await readFirst('b.txt', 'hello\n');
    writeFileSync(join(dir, 'b.txt'), 'hello world\n');
    const changed = await runTool('edit_file', { path: 'b.txt', old_string: 'hello', new_string: 'bye' }, context);
    expect(changed.ok).toBe(false);
    expect(changed.output).toMatch(/changed since you last read it.*Read it again/);
    expect(file('b.txt')).toBe('hello world\n');
  });

  test('inserts new_string literally, $ patterns included', async () => {
    const context = await readFirst('a.txt', 'price\n');
    await runTool('edit_file', { path: 'a.txt', old_string: 'price', new_string: "$& $' $1 costs $5" }, context);
    expect(file('a.txt')).toBe("$& $' $1 costs $5\n");
  });

  test('matches multi-line text in CRLF files and keeps their line endings', async () => {
    const context = await readFirst('dos.txt', 'one\r\ntwo\r\nthree\r\n');
    const result = await runTool(
      'edit_file',
      { path: 'dos.txt', old_string: 'one\ntwo', new_string: 'uno\ndos' },
      context,
    );
    expect(result.ok).toBe(true);
    expect(file('dos.txt')).toBe('uno\r\ndos\r\nthree\r\n');
  });

  test('consecutive edits work without reading again', async () => {
    const context = await readFirst('a.txt', 'a b c\n');
    await runTool('edit_file', { path: 'a.txt', old_string: 'a', new_string: 'A' }, context);
    expect((await runTool('edit_file', { path: 'a.txt', old_string: 'b', new_string: 'B' }, context)).ok).toBe(true);
    expect(file('a.txt')).toBe('A B c\n');
  });
});
