import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineError } from '../errors.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { createTempRepo } from '../../testing/engine/temp-repo.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    return error as EngineError;
  }
  throw new Error('expected the call to fail');
}

/** Everything a user could see change: tasks, branches, worktrees, files in the checkout. */
function snapshot(h: EngineHarness) {
  return JSON.stringify({
    branches: h.repo.git(['for-each-ref', '--format=%(refname) %(objectname)']),
    worktrees: h.repo.git(['worktree', 'list', '--porcelain']),
    status: h.repo.git(['status', '--porcelain']),
  });
}

describe('repositories', () => {
  it('explains why a folder cannot be added', async () => {
    harness = await startHarness();
    const { engine, root } = harness;
    const file = join(root, 'file.txt');
    writeFileSync(file, 'x');
    const plain = join(root, 'plain');
    mkdirSync(plain);
    const bare = join(root, 'bare.git');
    harness.repo.git(['init', '-q', '--bare', bare]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    harness.repo.git(['init', '-q'], empty);
    mkdirSync(join(harness.repo.path, 'sub'));
    const linked = join(root, 'linked');
    harness.repo.git(['worktree', 'add', '-q', '-b', 'side', linked]);
    const cases: [string, string, RegExp][] = [
      [join(root, 'nope'), 'folderMissing', /no folder/i],
      [file, 'notAFolder', /is a file/],
      [plain, 'notAGitRepo', /not a git repository.*git init/],
      [bare, 'bareRepo', /bare repository/],
      [empty, 'noCommits', /no commits yet.*first commit/],
      [join(harness.repo.path, 'sub'), 'insideWorktree', /inside the repository/],
      [linked, 'insideWorktree', /linked worktree/],
    ];
    for (const [path, code, message] of cases) {
      const error = await failure(engine.call('repo/add', { path }));
      expect({ path, code: error.code }).toEqual({ path, code });
      expect(error.message).toMatch(message);
    }
    expect((await engine.call('repo/list', {})).repos).toHaveLength(1);
  });

  it('reads ~ and ~/… as the engine user’s home, names the expanded path when it is missing, and refuses ~name', async () => {
    harness = await startHarness();
    const savedHome = process.env.HOME;
    process.env.HOME = harness.root;
    try {
      const project = createTempRepo({ 'README.md': 'hi\n' }, harness.root, 'project');
      const { repo } = await harness.engine.call('repo/add', { path: '~/project' });
      expect(repo.path).toBe(project.path);
      const missing = await failure(harness.engine.call('repo/add', { path: '~/no-such-folder' }));
      expect(missing.code).toBe('folderMissing');
      expect(missing.message).toContain(join(harness.root, 'no-such-folder'));
      expect(missing.message).not.toContain('~');
      const home = await failure(harness.engine.call('repo/add', { path: '~' }));
      expect(home.message).toContain(`${harness.root} is not a git repository`);
      const other = await failure(harness.engine.call('repo/add', { path: '~bob/code' }));
      expect(other.code).toBe('invalidInput');
      expect(other.message).toMatch(
        /home folder of the user "bob".*Give the full path instead, or ~\/… for your own home/,
      );
    } finally {
      process.env.HOME = savedHome;
    }
  });

  it('adds a repo whose path has spaces and non-ASCII characters, and removing it never touches it', async () => {
    harness = await startHarness();
    const odd = createTempRepo({ 'README.md': 'hi\n' }, harness.root, 'my répo ✓ 文件');
    const { repo } = await harness.engine.call('repo/add', { path: odd.path });
    expect(repo.name).toBe('my répo ✓ 文件');
    const { tasks } = await harness.engine.call('task/create', { repoId: repo.id, prompt: 'write naïve file.txt ok' });
    const done = await harness.waitFor(tasks[0]!.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect((await harness.engine.call('task/diff', { taskId: done.id })).diff.files.map((file) => file.path)).toEqual([
      'naïve',
    ]);
    const again = await harness.engine.call('repo/add', { path: odd.path });
    expect(again.alreadyAdded).toBe(true);
    await harness.engine.call('repo/remove', { repoId: repo.id });
    expect(existsSync(join(odd.path, '.git'))).toBe(true);
    expect(odd.git(['branch', '--list', done.branch])).toContain(done.branch);
  });
});

describe('bad input changes nothing', () => {
  it('rejects unknown tasks, missing bases, taken branches, discarded merges, double discards and vanished repos', async () => {
    harness = await startHarness();
    const { engine } = harness;
    const before = snapshot(harness);
    expect((await failure(engine.call('task/get', { taskId: 'nope' }))).code).toBe('notFound');
    expect((await failure(engine.call('task/merge', { taskId: 'nope' }))).message).toMatch(/flotilla list/);
    const missingBase = await failure(
      engine.call('task/create', { repoId: harness.repoId, prompt: 'x', base: 'no-such-branch' }),
    );
    expect(missingBase.code).toBe('baseNotFound');
    expect(missingBase.message).toContain('no-such-branch');
    harness.repo.git(['branch', 'taken']);
    const taken = await failure(engine.call('task/create', { repoId: harness.repoId, prompt: 'x', branch: 'taken' }));
    expect(taken.code).toBe('branchExists');
    expect((await failure(engine.call('task/create', { repoId: harness.repoId, prompt: '   ' }))).code).toBe(
      'invalidInput',
    );
    harness.repo.git(['branch', '-D', 'taken']);
    expect(snapshot(harness)).toBe(before);
    expect((await engine.call('task/list', {})).tasks).toEqual([]);

    const task = await harness.createTask('write a.txt a');
    await harness.waitFor(task.id, ['done']);
    await engine.call('task/merge', { taskId: task.id });
    await engine.call('task/discard', { taskId: task.id });
    const afterDiscard = snapshot(harness);
    const twice = await failure(engine.call('task/discard', { taskId: task.id }));
    expect(twice.code).toBe('taskDiscarded');
    expect(twice.message).toMatch(/already discarded.*restore/);
    const mergeDiscarded = await failure(engine.call('task/merge', { taskId: task.id }));
    expect(mergeDiscarded.code).toBe('taskDiscarded');
    expect(snapshot(harness)).toBe(afterDiscard);

    renameSync(harness.repo.path, `${harness.repo.path}-moved`);
    const vanished = await failure(engine.call('task/create', { repoId: harness.repoId, prompt: 'x' }));
    expect(vanished.code).toBe('folderMissing');
    expect(vanished.message).toMatch(/no longer exists/);
    renameSync(`${harness.repo.path}-moved`, harness.repo.path);
  });
});

describe('discard and restore', () => {
  it('archives the work, removes the worktree and branch, and restores it all', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write kept.txt committed');
    await harness.waitFor(task.id, ['done']);
    writeFileSync(join(task.worktreePath, 'loose.txt'), 'user edit\n');
    const { task: discarded } = await harness.engine.call('task/discard', { taskId: task.id });
    expect(discarded.status).toBe('discarded');
    expect(discarded.archiveRef).toBe(`refs/flotilla/archive/${task.id}`);
    expect(existsSync(task.worktreePath)).toBe(false);
    expect(harness.repo.git(['branch', '--list', task.branch])).toBe('');
    const { task: restored } = await harness.engine.call('task/restore', { taskId: task.id });
    expect(restored.status).toBe('done');
    expect(restored.hasWorktree).toBe(true);
    expect(existsSync(join(task.worktreePath, 'kept.txt'))).toBe(true);
    expect(existsSync(join(task.worktreePath, 'loose.txt'))).toBe(true);
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path).sort()).toEqual(['kept.txt', 'loose.txt']);
  });
});

describe('agents that cannot run', () => {
  it('refuses a task for an agent that is not set up, before any worktree exists, saying what to do', async () => {
    const saved = {
      ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
      OPENAI_API_KEY: process.env.OPENAI_API_KEY,
      OPENAI_COMPATIBLE_BASE_URL: process.env.OPENAI_COMPATIBLE_BASE_URL,
    };
    for (const key of Object.keys(saved)) delete process.env[key];
    try {
      harness = await startHarness();
      const before = snapshot(harness);
      const error = await failure(
        harness.engine.call('task/create', { repoId: harness.repoId, prompt: 'Add a README', agent: 'builtin' }),
      );
      expect(error.code).toBe('agentUnavailable');
      expect(error.message).toMatch(/ANTHROPIC_API_KEY/);
      expect(error.message).toMatch(/choose another agent/);
      expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
      expect(snapshot(harness)).toBe(before);
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
    }
  });
});

describe('verify options of a new task', () => {
  it('say how many retries are allowed, and start nothing', async () => {
    harness = await startHarness();
    const h = harness;
    const error = await failure(h.engine.call('task/create', { repoId: h.repoId, prompt: 'x', verifyRetries: 11 }));
    expect(error.code).toBe('invalidInput');
    expect(error.message).toBe('Invalid task/create request: verifyRetries: At most 10 retries.');
    expect((await h.engine.call('task/list', {})).tasks).toEqual([]);
  });
});
