import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runTool } from './registry.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';
import { createWorktreeFixture, type WorktreeFixture } from '../../../testing/agents/worktree-fixture.js';

let fixture: WorktreeFixture;
let worktree: string;

// Files that exist inside the worktree for the allowed entries (path as the model names it → where it lands).
const insideFiles: Record<string, string> = {
  'sub/inner.txt': 'sub/inner.txt',
  '~/.ssh/id_rsa': '~/.ssh/id_rsa',
  '%2e%2e/x': '%2e%2e/x',
  '..foo': '..foo',
  '.gitignore': '.gitignore',
  '.github/workflows/ci.yml': '.github/workflows/ci.yml',
  'top.txt': 'top.txt',
  'my.git/notes': 'my.git/notes',
};

beforeAll(() => {
  fixture = createWorktreeFixture();
  worktree = fixture.worktree;
  for (const file of Object.values(insideFiles)) {
    mkdirSync(dirname(join(worktree, file)), { recursive: true });
    writeFileSync(join(worktree, file), `original ${file}\n`);
  }
  mkdirSync(join(worktree, 'sub/nested/.git'), { recursive: true });
  writeFileSync(join(worktree, 'sub/nested/.git/config'), '[core]\n');
  symlinkSync('/etc', join(worktree, 'etc-link'));
  symlinkSync(fixture.outside, join(worktree, 'out-dir'));
  symlinkSync('../outside/secret.txt', join(worktree, 'out-file'));
  symlinkSync('../outside/not-there.txt', join(worktree, 'dangling'));
  symlinkSync('not-here-either.txt', join(worktree, 'dangling-inside'));
  symlinkSync('out-file', join(worktree, 'chain'));
  symlinkSync('loop-b', join(worktree, 'loop-a'));
  symlinkSync('loop-a', join(worktree, 'loop-b'));
  symlinkSync('.git', join(worktree, 'git-link'));
  symlinkSync('sub/inner.txt', join(worktree, 'in-link'));
  symlinkSync('..', join(worktree, 'sub/up'));
});

afterAll(() => fixture.remove());

/** Paths that must be refused, built once the fixture exists. */
function hostilePaths(): string[] {
  return [
    '../x',
    '../../etc/passwd',
    '/etc/passwd',
    'sub/../../x',
    '.git',
    '.git/config',
    'sub/../.git/HEAD',
    './.git/hooks/pre-commit',
    '.GIT/config',
    'sub/nested/.git/config',
    'etc-link',
    'etc-link/flotilla-should-not-exist',
    'out-dir/secret.txt',
    'out-dir/new.txt',
    'out-file',
    'chain',
    'dangling',
    'dangling-inside',
    'loop-a',
    'git-link',
    'a\u0000b',
    `${'a/'.repeat(2100)}x`,
    'C:\\Windows\\win.ini',
    '\\\\server\\share\\x',
    '//etc/passwd',
    join(fixture.outside, 'secret.txt'),
    `${worktree}/../outside/secret.txt`,
    '.git/../../outside/secret.txt',
    join(fixture.repo.path, '.git/config'),
  ];
}

/** Paths that are odd but inside the worktree, and the file each one really names; `{worktree}` is the worktree's absolute path. */
const allowedPaths: [string, string][] = [
  ['sub/inner.txt', 'sub/inner.txt'],
  ['~/.ssh/id_rsa', '~/.ssh/id_rsa'],
  ['%2e%2e/x', '%2e%2e/x'],
  ['..foo', '..foo'],
  ['.gitignore', '.gitignore'],
  ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
  ['sub/../top.txt', 'top.txt'],
  ['my.git/notes', 'my.git/notes'],
  ['in-link', 'sub/inner.txt'],
  ['sub/up/top.txt', 'top.txt'],
  ['{worktree}/sub/inner.txt', 'sub/inner.txt'],
];

function outsideSnapshot(): string {
  return JSON.stringify([
    readdirSync(fixture.outside).sort(),
    readFileSync(join(fixture.outside, 'secret.txt'), 'utf8'),
    readdirSync(fixture.parent).sort(),
  ]);
}

describe('every file tool refuses hostile paths', () => {
  test('the table is big enough', () => {
    expect(hostilePaths().length).toBeGreaterThanOrEqual(20);
  });

  test.each(['read_file', 'write_file', 'edit_file'] as const)(
    '%s refuses each hostile path and changes nothing outside',
    async (tool) => {
      const before = outsideSnapshot();
      const gitFile = readFileSync(join(worktree, '.git'), 'utf8');
      const failures: string[] = [];
      for (const path of hostilePaths()) {
        const context = makeToolContext(worktree);
        const input =
          tool === 'read_file'
            ? { path }
            : tool === 'write_file'
              ? { path, content: 'pwned\n' }
              : { path, old_string: 'secret', new_string: 'pwned' };
        const result = await runTool(tool, input, context);
        if (result.ok || !/^Refused path/.test(result.output))
          failures.push(`${JSON.stringify(path.slice(0, 60))} → ${result.output.slice(0, 120)}`);
      }
      expect(failures).toEqual([]);
      expect(outsideSnapshot()).toBe(before);
      expect(readFileSync(join(worktree, '.git'), 'utf8')).toBe(gitFile);
      expect(existsSync('/etc/flotilla-should-not-exist')).toBe(false);
    },
  );
});

describe('odd but inside paths work', () => {
  test.each(allowedPaths)('%s reads, writes and edits %s inside the worktree', async (named, real) => {
    const path = named.replace('{worktree}', worktree);
    const context = makeToolContext(worktree);
    const read = await runTool('read_file', { path }, context);
    expect(read).toEqual({ ok: true, output: expect.stringContaining('original') });
    const written = await runTool('write_file', { path, content: `rewritten ${real}\n` }, context);
    expect(written.ok).toBe(true);
    const edited = await runTool('edit_file', { path, old_string: 'rewritten', new_string: 'edited' }, context);
    expect(edited.ok).toBe(true);
    expect(readFileSync(join(worktree, real), 'utf8')).toBe(`edited ${real}\n`);
    writeFileSync(join(worktree, real), `original ${real}\n`);
  });

  test('a literal ~ is a folder in the worktree, never the home folder', async () => {
    const context = makeToolContext(worktree);
    const result = await runTool('write_file', { path: '~/new-file.txt', content: 'x' }, context);
    expect(result.ok).toBe(true);
    expect(readFileSync(join(worktree, '~', 'new-file.txt'), 'utf8')).toBe('x');
  });
});
