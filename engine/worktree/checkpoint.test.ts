import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import type { TempRepo } from '../../testing/engine/temp-repo.js';
import { checkpoint, hasChanges } from './checkpoint.js';

const temps: string[] = [];
const savedEnvironment = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const path of temps.splice(0)) removeTemp(path);
});

function createTask(files: Record<string, string> = { 'README.md': '# test\n', '.gitignore': 'build/\n' }): {
  repo: TempRepo;
  worktree: string;
  parent: string;
} {
  const parent = makeTempDir();
  temps.push(parent);
  const repo = createTempRepo(files, parent);
  const worktree = join(parent, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/x', worktree, 'main']);
  return { repo, worktree, parent };
}

describe('hasChanges', () => {
  it('sees modified, staged and untracked files but not ignored ones', async () => {
    const { repo, worktree } = createTask();
    expect(await hasChanges(worktree)).toBe(false);
    repo.write({ 'build/out.js': 'ignored\n' }, worktree);
    expect(await hasChanges(worktree)).toBe(false);
    repo.write({ 'README.md': '# edited\n' }, worktree);
    expect(await hasChanges(worktree)).toBe(true);
    repo.write({ 'README.md': '# test\n' }, worktree);
    expect(await hasChanges(worktree)).toBe(false);
    repo.write({ 'notes/new.txt': 'new\n' }, worktree);
    expect(await hasChanges(worktree)).toBe(true);
    repo.git(['add', '-A'], worktree);
    expect(await hasChanges(worktree)).toBe(true);
  });
});

describe('checkpoint', () => {
  it('commits every change, untracked files included, on the task branch and leaves the worktree clean', async () => {
    const { repo, worktree } = createTask({ 'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'build/\n' });
    const mainHead = repo.git(['rev-parse', 'main']);
    repo.write({ 'a.txt': 'changed\n', 'dossier é/naïve file.txt': 'new\n', 'build/out.js': 'ignored\n' }, worktree);
    repo.git(['rm', '-q', 'b.txt'], worktree);

    const result = await checkpoint({ worktree, message: 'Turn 1: edit files' });

    expect(result?.commit).toBe(repo.git(['rev-parse', 'flotilla/x']));
    expect(repo.git(['rev-parse', `${result?.commit}^`])).toBe(mainHead);
    expect(repo.git(['log', '-1', '--format=%s', 'flotilla/x'])).toBe('Turn 1: edit files');
    expect(
      repo.git(['-c', 'core.quotePath=false', 'show', '--name-status', '--format=', 'flotilla/x']).split('\n').sort(),
    ).toEqual(['A\tdossier é/naïve file.txt', 'D\tb.txt', 'M\ta.txt']);
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('');
    expect(existsSync(join(worktree, 'build/out.js'))).toBe(true);
    expect(repo.git(['rev-parse', 'main'])).toBe(mainHead);
  });

  it('returns null and commits nothing when the worktree is clean', async () => {
    const { repo, worktree } = createTask();
    const head = repo.git(['rev-parse', 'flotilla/x']);
    expect(await checkpoint({ worktree, message: 'nothing' })).toBeNull();
    expect(repo.git(['rev-parse', 'flotilla/x'])).toBe(head);
  });

  it("runs none of the user's hooks, even one that would block the commit", async () => {
    const { repo, worktree, parent } = createTask();
    const marker = join(parent, 'post-commit-ran');
    const hooks = join(repo.path, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 1\n');
    writeFileSync(join(hooks, 'commit-msg'), '#!/bin/sh\nexit 1\n');
    writeFileSync(join(hooks, 'post-commit'), `#!/bin/sh\ntouch '${marker}'\n`);
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit']) chmodSync(join(hooks, hook), 0o755);
    repo.write({ 'work.txt': 'agent output\n' }, worktree);
    // The hooks are live: a plain commit in the same worktree is refused.
    repo.git(['add', '-A'], worktree);
    expect(() => repo.git(['commit', '-q', '-m', 'plain'], worktree)).toThrow();

    const result = await checkpoint({ worktree, message: 'checkpoint' });

    expect(result?.commit).toBe(repo.git(['rev-parse', 'flotilla/x']));
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('');
    expect(existsSync(marker)).toBe(false);
  });

  it('commits as Flotilla when the user has no name or email configured', async () => {
    const { repo, worktree } = createTask();
    const emptyHome = makeTempDir('flotilla-home-');
    temps.push(emptyHome);
    process.env.HOME = emptyHome;
    process.env.XDG_CONFIG_HOME = emptyHome;
    repo.git(['config', '--unset', 'user.name']);
    repo.git(['config', '--unset', 'user.email']);
    repo.write({ 'work.txt': 'agent output\n' }, worktree);

    const result = await checkpoint({ worktree, message: 'checkpoint' });

    expect(repo.git(['log', '-1', '--format=%an <%ae>', result?.commit ?? 'missing'])).toBe(
      'Flotilla <flotilla@localhost>',
    );
  });

  it('refuses to commit on a detached HEAD, where the commit would be lost', async () => {
    const { repo, worktree } = createTask();
    repo.git(['checkout', '-q', '--detach'], worktree);
    repo.write({ 'work.txt': 'agent output\n' }, worktree);

    await expect(checkpoint({ worktree, message: 'checkpoint' })).rejects.toMatchObject({ code: 'notABranch' });
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('?? work.txt');
  });
});
