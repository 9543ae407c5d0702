import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { createTempRepo, removeTemp } from '../../testing/engine/temp-repo.js';
import { failure, runToRest, startVerifyHarness, verifyResults } from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** What repo/suggestVerify answers for a fresh repository holding these files. */
async function suggestionsFor(files: Record<string, string>, name: string) {
  harness ??= await startVerifyHarness();
  const repo = createTempRepo(files, harness.root, name);
  const { repo: added } = await harness.engine.call('repo/add', { path: repo.path });
  return (await harness.engine.call('repo/suggestVerify', { repoId: added.id })).suggestions;
}

const packageJson = (scripts: Record<string, string>) => JSON.stringify({ name: 'app', scripts });

describe('repo/suggestVerify', () => {
  it('suggests the package.json test script, run with the package manager the lock file names', async () => {
    const npm = await suggestionsFor({ 'package.json': packageJson({ test: 'vitest run' }) }, 'npm');
    expect(npm).toEqual([{ command: 'npm test', reason: 'package.json has a test script (vitest run)' }]);
    const pnpm = await suggestionsFor(
      { 'package.json': packageJson({ test: 'jest' }), 'pnpm-lock.yaml': 'lockfileVersion: 9\n' },
      'pnpm',
    );
    expect(pnpm.map((suggestion) => suggestion.command)).toEqual(['pnpm test']);
    const yarn = await suggestionsFor({ 'package.json': packageJson({ test: 'jest' }), 'yarn.lock': '' }, 'yarn');
    expect(yarn.map((suggestion) => suggestion.command)).toEqual(['yarn test']);
  });

  it("does not suggest npm's placeholder test script, which always fails", async () => {
    const placeholder = packageJson({ test: 'echo "Error: no test specified" && exit 1' });
    expect(await suggestionsFor({ 'package.json': placeholder }, 'placeholder')).toEqual([]);
    expect(await suggestionsFor({ 'package.json': packageJson({ build: 'tsc' }) }, 'no-test')).toEqual([]);
    expect(await suggestionsFor({ 'package.json': '{ not json' }, 'broken')).toEqual([]);
  });

  it('suggests pytest from pyproject.toml or pytest.ini', async () => {
    const pyproject = await suggestionsFor(
      { 'pyproject.toml': '[project]\nname = "app"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n' },
      'pyproject',
    );
    expect(pyproject).toEqual([{ command: 'pytest', reason: 'pyproject.toml configures pytest' }]);
    const ini = await suggestionsFor({ 'pytest.ini': '[pytest]\n' }, 'pytest-ini');
    expect(ini).toEqual([{ command: 'pytest', reason: 'pytest.ini' }]);
    // A pyproject.toml for another tool alone says nothing about tests.
    expect(await suggestionsFor({ 'pyproject.toml': '[tool.black]\n' }, 'black')).toEqual([]);
  });

  it('suggests cargo test, go test ./... and make test from Cargo.toml, go.mod and a Makefile test target', async () => {
    const cargo = await suggestionsFor({ 'Cargo.toml': '[package]\nname = "app"\n' }, 'cargo');
    expect(cargo.map((suggestion) => suggestion.command)).toEqual(['cargo test']);
    const go = await suggestionsFor({ 'go.mod': 'module example.com/app\n' }, 'go');
    expect(go.map((suggestion) => suggestion.command)).toEqual(['go test ./...']);
    const make = await suggestionsFor({ Makefile: 'build:\n\tcc app.c\n\ntest: build\n\t./run-tests\n' }, 'make');
    expect(make).toEqual([{ command: 'make test', reason: 'Makefile has a test target' }]);
    expect(await suggestionsFor({ Makefile: 'build:\n\tcc app.c\n' }, 'make-no-test')).toEqual([]);
  });

  it('lists every match best first, and nothing for a repository with nothing to run', async () => {
    const both = await suggestionsFor(
      { 'package.json': packageJson({ test: 'node --test' }), Makefile: 'test:\n\tnpm test\n', 'go.mod': 'module m\n' },
      'several',
    );
    expect(both.map((suggestion) => suggestion.command)).toEqual(['npm test', 'go test ./...', 'make test']);
    expect(await suggestionsFor({ 'README.md': '# Just docs\n' }, 'docs')).toEqual([]);
  });

  it('only reads files: suggesting runs nothing and sets nothing', async () => {
    const suggestions = await suggestionsFor({ Makefile: 'test:\n\ttouch ran.txt\n' }, 'quiet');
    expect(suggestions.map((suggestion) => suggestion.command)).toEqual(['make test']);
    expect(existsSync(join(harness!.root, 'quiet', 'ran.txt'))).toBe(false);
    const { repos } = await harness!.engine.call('repo/list', {});
    expect(repos.find((repo) => repo.name === 'quiet')?.settings.verifyCommand).toBe('');
  });

  it('answers an unknown repository, or one whose folder is gone, with a clear error', async () => {
    harness = await startVerifyHarness();
    const refused = await failure(harness.engine.call('repo/suggestVerify', { repoId: 'nope' }));
    expect(refused.message).toContain('nope');
    removeTemp(harness.repo.path);
    const missing = await failure(harness.engine.call('repo/suggestVerify', { repoId: harness.repoId }));
    expect(missing.code).toBe('folderMissing');
    expect(missing.message).toContain('Restore it or remove the repository from Flotilla.');
  });
});

describe('verify settings of a repository', () => {
  it('start with no command, 2 retries, a 10 minute limit and passing checks required', async () => {
    harness = await startVerifyHarness();
    const { repos } = await harness.engine.call('repo/list', {});
    expect(repos[0]?.settings).toMatchObject({
      verifyCommand: '',
      verifyRetries: 2,
      verifyTimeoutMs: 600_000,
      requirePassingChecks: true,
    });
  });

  it('refuses a time limit under a second and more than 10 retries, saying what is allowed', async () => {
    harness = await startVerifyHarness();
    const update = (settings: Record<string, number>) =>
      failure(harness!.engine.call('repo/update', { repoId: harness!.repoId, settings }));
    expect((await update({ verifyTimeoutMs: 10 })).message).toContain('Give the verify command at least 1 second.');
    expect((await update({ verifyRetries: 11 })).message).toContain('At most 10 retries.');
    const tooMany = await failure(
      harness.engine.call('task/create', { repoId: harness.repoId, prompt: 'x', verifyRetries: 11 }),
    );
    expect(tooMany.code).toBe('invalidInput');
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
  });
});

describe('nothing runs unless a verify command is set', () => {
  it('a repository without a verify command runs no checks after a turn that changed files', async () => {
    harness = await startVerifyHarness({}, { files: { Makefile: 'test:\n\ttouch ran.txt\n' } });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    expect(thread.filter((event) => event.type.startsWith('verify.'))).toEqual([]);
    expect(task.lastVerify).toBeNull();
    expect(existsSync(join(task.worktreePath, 'ran.txt'))).toBe(false);
    const { preview } = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview.checks).toEqual({ command: null, required: false, state: 'none', result: null });
    // Nothing required: the merge goes through without --force-unverified.
    await harness.engine.call('task/merge', { taskId: task.id });
  });

  it("a task's own verify command runs where the repository has none, and '' turns the repository's off", async () => {
    harness = await startVerifyHarness();
    const own = await runToRest(harness, 'write a.txt hello', { verifyCommand: 'test -f a.txt' });
    expect(verifyResults(own.thread).map((event) => [event.result.command, event.result.outcome])).toEqual([
      ['test -f a.txt', 'passed'],
    ]);
    await harness.engine.call('repo/update', { repoId: harness.repoId, settings: { verifyCommand: 'exit 1' } });
    const off = await runToRest(harness, 'write b.txt hello', { verifyCommand: '' });
    expect(off.task.status).toBe('done');
    expect(verifyResults(off.thread)).toEqual([]);
    const refused = await failure(harness.engine.call('task/verify', { taskId: off.task.id }));
    expect(refused.code).toBe('noVerifyCommand');
    expect(refused.message).toContain('started with no verify command');
  });
});
