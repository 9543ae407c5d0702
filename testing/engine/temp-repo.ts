import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real git repository in a temp folder, for tests. */
export interface TempRepo {
  path: string;
  /** Runs git in the repo (or `cwd`) and returns trimmed stdout. */
  git(args: string[], cwd?: string): string;
  /** Writes files (path → content), creating folders. */
  write(files: Record<string, string>, cwd?: string): void;
  /** Writes files and commits them on the current branch; returns the commit id. */
  commit(files: Record<string, string>, message?: string): string;
}

const identity = {
  GIT_AUTHOR_NAME: 'Test User',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test User',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Makes a temp folder (realpath'd, so comparisons with git's output hold); removed by `removeTemp`. */
export function makeTempDir(prefix = 'flotilla-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Removes a temp folder made by `makeTempDir`. */
export function removeTemp(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Creates a repository with branch `main` and one commit holding `files` (default: README.md). */
export function createTempRepo(
  files: Record<string, string> = { 'README.md': '# test\n' },
  parent = makeTempDir(),
  name = 'repo',
): TempRepo {
  const path = join(parent, name);
  mkdirSync(path, { recursive: true });
  const run = (args: string[], cwd = path) =>
    execFileSync('git', args, { cwd, env: { ...process.env, ...identity, LC_ALL: 'C' }, encoding: 'utf8' }).trim();
  const write = (entries: Record<string, string>, cwd = path) => {
    for (const [file, content] of Object.entries(entries)) {
      mkdirSync(dirname(join(cwd, file)), { recursive: true });
      writeFileSync(join(cwd, file), content);
    }
  };
  run(['init', '-q', '-b', 'main']);
  run(['config', 'user.name', 'Test User']);
  run(['config', 'user.email', 'test@example.com']);
  const repo: TempRepo = {
    path,
    git: run,
    write,
    commit(entries, message = 'commit') {
      write(entries);
      run(['add', '-A']);
      run(['commit', '-q', '--no-verify', '-m', message]);
      return run(['rev-parse', 'HEAD']);
    },
  };
  repo.commit(files, 'initial');
  return repo;
}
