import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { git } from './git.js';
import { GitError } from './git-error.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function repo() {
  const root = makeTempDir();
  temps.push(root);
  return createTempRepo(undefined, root);
}

async function failure(promise: Promise<unknown>): Promise<GitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GitError);
    return error as GitError;
  }
  throw new Error('expected git to fail');
}

describe('the git wrapper', () => {
  it('runs git with LC_ALL=C, a scrubbed environment and GIT_OPTIONAL_LOCKS=0 for read-only calls', async () => {
    const { path } = repo();
    const previous = { GIT_DIR: process.env.GIT_DIR, LANG: process.env.LANG, PAGER: process.env.PAGER };
    Object.assign(process.env, { GIT_DIR: '/nonexistent', LANG: 'de_DE.UTF-8', PAGER: 'less' });
    try {
      const out = await git({ name: 'test.env', cwd: path, args: ['-c', 'alias.env=!env', 'env'], readOnly: true });
      const env = Object.fromEntries(
        out.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(/=(.*)/s).slice(0, 2)),
      );
      expect(env).toMatchObject({ LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' });
      expect(env.GIT_DIR).not.toBe('/nonexistent');
      expect(env.PAGER).toBeUndefined();
      const writing = await git({ name: 'test.env', cwd: path, args: ['-c', 'alias.env=!env', 'env'] });
      expect(writing.stdout).not.toContain('GIT_OPTIONAL_LOCKS');
    } finally {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('throws typed errors that name the call and keep git’s message', async () => {
    const plain = makeTempDir();
    temps.push(plain);
    const notRepo = await failure(git({ name: 'status.read', cwd: plain, args: ['status'] }));
    expect(notRepo.kind).toBe('notARepo');
    expect(notRepo.message).toMatch(/^git status\.read failed: fatal: not a git repository/);
    const missing = await failure(git({ name: 'status.read', cwd: `${plain}/gone`, args: ['status'] }));
    expect(missing.kind).toBe('missingFolder');
    const { path } = repo();
    const bad = await failure(git({ name: 'rev.resolve', cwd: path, args: ['rev-parse', '--verify', 'nope'] }));
    expect(bad).toMatchObject({ code: 'gitFailed', call: 'rev.resolve', exitCode: 128 });
    expect(bad.stderr).toContain('Needed a single revision');
  });

  it('treats listed exit codes as answers, feeds stdin, and is fast for silent commands', async () => {
    const { path } = repo();
    const answer = await git({ name: 'config.get', cwd: path, args: ['config', '--get', 'no.such'], okExitCodes: [1] });
    expect(answer.exitCode).toBe(1);
    const hashed = await git({ name: 'hash', cwd: path, args: ['hash-object', '--stdin'], input: 'hello\n' });
    expect(hashed.stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('kills git on timeout and on abort', async () => {
    const { path } = repo();
    const slow = ['-c', 'alias.slow=!sleep 5', 'slow'];
    const started = Date.now();
    const timedOut = await failure(git({ name: 'test.slow', cwd: path, args: slow, timeoutMs: 200 }));
    expect(timedOut).toMatchObject({ kind: 'timeout', code: 'gitTimeout' });
    expect(timedOut.message).toMatch(/timed out/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await failure(git({ name: 'test.slow', cwd: path, args: slow, signal: controller.signal }));
    expect(aborted.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('git locks', () => {
  it('waits for a lock another git process holds, then succeeds', async () => {
    const temp = repo();
    temp.write({ 'new.txt': 'x\n' });
    const lock = `${temp.path}/.git/index.lock`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(lock, '');
    setTimeout(() => rmSync(lock), 150);
    await git({ name: 'index.add', cwd: temp.path, args: ['add', 'new.txt'] });
    expect(temp.git(['diff', '--cached', '--name-only'])).toBe('new.txt');
  });

  it('reports a lock that stays held as a locked error with git’s message', async () => {
    const temp = repo();
    temp.write({ 'new.txt': 'x\n' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${temp.path}/.git/index.lock`, '');
    const error = await failure(git({ name: 'index.add', cwd: temp.path, args: ['add', 'new.txt'] }));
    expect(error.kind).toBe('locked');
    expect(error.message).toMatch(/another git process holds a lock.*index\.lock/s);
  });
});
