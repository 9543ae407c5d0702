import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { installFakeGh } from '../../testing/github/fake-gh.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
const originalGh = process.env.FLOTILLA_GH;
afterEach(async () => {
  if (originalGh === undefined) delete process.env.FLOTILLA_GH;
  else process.env.FLOTILLA_GH = originalGh;
  await harness?.dispose();
  harness = null;
});

/**
 * A harness whose origin reads as github.com/acme/shop but pushes to a local bare repository, with the gh stand-in
 * named by FLOTILLA_GH, and one finished task.
 */
async function finishedTask(prompt = 'write feature.txt from the agent', verifyCommand?: string) {
  harness = await startHarness();
  const h = harness;
  if (verifyCommand) await h.engine.call('repo/update', { repoId: h.repoId, settings: { verifyCommand } });
  const bare = join(h.root, 'origin.git');
  h.repo.git(['init', '-q', '--bare', bare], h.root);
  h.repo.git(['remote', 'add', 'origin', bare]);
  h.repo.git(['push', '-q', 'origin', 'main']);
  h.repo.git(['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
  h.repo.git(['remote', 'set-url', '--push', 'origin', bare]);
  const gh = installFakeGh(h.root);
  process.env.FLOTILLA_GH = gh.path;
  const task = await h.createTask(prompt);
  if (verifyCommand) await h.waitForEvent(task.id, (event) => event.type === 'verify.finished');
  await h.waitFor(task.id, ['done']);
  const remoteGit = (args: string[]) => h.repo.git(['--git-dir', bare, ...args], h.root);
  return { h, gh, task, remoteGit };
}

/** The value after `name` in one recorded call. */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function checkRun(name: string, status: string, conclusion: string) {
  return { __typename: 'CheckRun', name, status, conclusion };
}

describe('opening a pull request for a task', () => {
  test('pushes the branch, opens the pull request with a drafted title and body, and records it', async () => {
    const { h, gh, task, remoteGit } = await finishedTask();
    gh.logIn(true);
    const result = await h.engine.call('task/createPullRequest', { taskId: task.id, draft: true });

    expect(remoteGit(['show', `${task.branch}:feature.txt`])).toBe('from the agent');
    expect(result.pushed).toMatchObject({ remote: 'origin', branch: task.branch });
    expect(remoteGit(['rev-parse', `refs/heads/${task.branch}`])).toBe(result.pushed.commit);
    expect(result).toMatchObject({ created: true, ghProblem: null });
    expect(result.pullRequest).toEqual({
      number: 12,
      url: 'https://github.com/acme/shop/pull/12',
      state: 'open',
      draft: true,
      checks: [],
    });
    expect(gh.callsOf('auth status')).toEqual([['auth', 'status', '--hostname', 'github.com']]);
    const [create] = gh.callsOf('pr create');
    expect(option(create!, '--repo')).toBe('acme/shop');
    expect(option(create!, '--head')).toBe(task.branch);
    expect(option(create!, '--base')).toBe('main');
    expect(option(create!, '--title')).toBe(task.title);
    expect(create).toContain('--draft');
    const body = option(create!, '--body') ?? '';
    expect(body).toContain('## Task\n\nwrite feature.txt from the agent');
    expect(body).toContain('1 file changed: 1 line added, 0 removed.\n- `feature.txt` added, +1 −0');
    expect(body).toContain('## Checks\n\nNot run by Flotilla.');
    expect(body).toContain(`Opened from Flotilla task \`${task.id}\``);

    const { task: after } = await h.engine.call('task/get', { taskId: task.id });
    expect(after.pullRequest).toEqual(result.pullRequest);
    expect(after.pushed).toEqual(result.pushed);
    const events = await h.threadOf(task.id);
    expect(events.filter((event) => event.type === 'pullRequest.changed')).toMatchObject([{ origin: 'created' }]);
  });

  test('tells the verify result on the pushed commit in the drafted body', async () => {
    const { h, gh, task } = await finishedTask('write feature.txt from the agent', 'test -f feature.txt');
    gh.logIn(true);
    const { pushed } = await h.engine.call('task/createPullRequest', { taskId: task.id });
    const body = option(gh.callsOf('pr create')[0]!, '--body') ?? '';
    expect(body).toMatch(
      new RegExp(`## Checks\\n\\n\`test -f feature.txt\` passed in \\d+\\.\\d s on ${pushed.commit.slice(0, 10)}\\.`),
    );
  });

  test('takes the title and body given, and shows the pull request already open instead of failing', async () => {
    const { h, gh, task } = await finishedTask();
    gh.logIn(true);
    gh.setPullRequest({
      url: 'https://github.com/acme/shop/pull/7',
      number: 7,
      state: 'OPEN',
      isDraft: false,
      statusCheckRollup: [checkRun('test', 'COMPLETED', 'SUCCESS')],
    });
    const result = await h.engine.call('task/createPullRequest', {
      taskId: task.id,
      title: 'Add the feature',
      body: 'By hand.',
    });
    const [create] = gh.callsOf('pr create');
    expect([option(create!, '--title'), option(create!, '--body')]).toEqual(['Add the feature', 'By hand.']);
    expect(create).not.toContain('--draft');
    expect(result).toMatchObject({ created: false, ghProblem: null });
    expect(result.pullRequest).toEqual({
      number: 7,
      url: 'https://github.com/acme/shop/pull/7',
      state: 'open',
      draft: false,
      checks: [{ name: 'test', state: 'passed' }],
    });
    expect(gh.callsOf('pr view').at(-1)).toContain('https://github.com/acme/shop/pull/7');
    expect((await h.engine.call('task/get', { taskId: task.id })).task.pullRequest?.number).toBe(7);
  });

  test('refreshes state and checks, recording only what changed', async () => {
    const { h, gh, task } = await finishedTask();
    // Before any push there is nothing to ask gh about.
    expect(await h.engine.call('task/refreshPullRequest', { taskId: task.id })).toMatchObject({
      pullRequest: null,
      ghProblem: null,
    });
    expect(gh.calls()).toEqual([]);
    gh.logIn(true);
    await h.engine.call('task/createPullRequest', { taskId: task.id });
    const view = {
      url: 'https://github.com/acme/shop/pull/12',
      number: 12,
      state: 'OPEN' as const,
      isDraft: false,
      statusCheckRollup: [
        checkRun('build', 'COMPLETED', 'SUCCESS'),
        checkRun('test', 'IN_PROGRESS', ''),
        { __typename: 'StatusContext', context: 'ci/lint', state: 'FAILURE' },
        checkRun('docs', 'COMPLETED', 'SKIPPED'),
      ],
    };
    gh.setPullRequest(view);
    const refreshed = await h.engine.call('task/refreshPullRequest', { taskId: task.id });
    expect(refreshed.pullRequest?.checks).toEqual([
      { name: 'build', state: 'passed' },
      { name: 'test', state: 'pending' },
      { name: 'ci/lint', state: 'failed' },
      { name: 'docs', state: 'skipped' },
    ]);
    expect(gh.callsOf('pr view').at(-1)).toEqual([
      ...['pr', 'view', '12', '--repo', 'acme/shop'],
      ...['--json', 'url,state,number,isDraft,statusCheckRollup'],
    ]);
    await h.engine.call('task/refreshPullRequest', { taskId: task.id });
    gh.setPullRequest({ ...view, state: 'MERGED' });
    const merged = await h.engine.call('task/refreshPullRequest', { taskId: task.id });
    expect(merged.task.pullRequest?.state).toBe('merged');
    const origins = (await h.threadOf(task.id)).flatMap((event) =>
      event.type === 'pullRequest.changed' ? [event.origin] : [],
    );
    expect(origins).toEqual(['created', 'refreshed', 'refreshed']);
  });

  test('without gh, or logged out, still pushes and keeps the link, saying what to install or do', async () => {
    const { h, gh, task, remoteGit } = await finishedTask();
    process.env.FLOTILLA_GH = join(h.root, 'no-such-gh');
    const missing = await h.engine.call('task/createPullRequest', { taskId: task.id });
    expect(missing).toMatchObject({ pullRequest: null, created: false });
    expect(missing.ghProblem).toBe(
      `GitHub CLI (gh) was not found at ${join(h.root, 'no-such-gh')} (FLOTILLA_GH). Install GitHub CLI (https://cli.github.com) and run gh auth login.`,
    );
    expect(missing.pushed.pullRequestUrl).toBe(`https://github.com/acme/shop/compare/main...${task.branch}?expand=1`);
    expect(remoteGit(['rev-parse', `refs/heads/${task.branch}`])).toBe(missing.pushed.commit);

    // No FLOTILLA_GH and a PATH with git and nothing else: the real binary's absence, wherever the machine has one.
    delete process.env.FLOTILLA_GH;
    const path = process.env.PATH;
    mkdirSync(join(h.root, 'only-git'));
    const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    symlinkSync(git, join(h.root, 'only-git', 'git'));
    process.env.PATH = join(h.root, 'only-git');
    try {
      const absent = await h.engine.call('task/refreshPullRequest', { taskId: task.id });
      expect(absent.ghProblem).toBe(
        'GitHub CLI (gh) was not found on PATH. Install GitHub CLI (https://cli.github.com) and run gh auth login.',
      );
    } finally {
      process.env.PATH = path;
    }

    process.env.FLOTILLA_GH = gh.path;
    const loggedOut = await h.engine.call('task/createPullRequest', { taskId: task.id });
    expect(loggedOut.ghProblem).toBe(
      'gh is not logged in to github.com (gh said: You are not logged into any GitHub hosts. To log in, run: gh auth login). Run gh auth login, then try again.',
    );
    expect(gh.callsOf('pr create')).toEqual([]);
    expect((await h.engine.call('task/get', { taskId: task.id })).task.pullRequest).toBeNull();
  });
});
