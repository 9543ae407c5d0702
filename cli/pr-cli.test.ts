import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useCliHome } from '../testing/cli/cli-home.js';
import { installFakeGh } from '../testing/github/fake-gh.js';

const originalGh = process.env.FLOTILLA_GH;
afterEach(() => {
  if (originalGh === undefined) delete process.env.FLOTILLA_GH;
  else process.env.FLOTILLA_GH = originalGh;
});

describe('flotilla pr', () => {
  const kit = useCliHome();
  const { cli } = kit;

  /** Gives the repository an origin that reads as github.com/acme/shop but pushes to a local bare repository. */
  function bareOrigin(): (args: string[]) => string {
    const { repo, temp } = kit;
    const bare = join(temp, 'origin.git');
    repo.git(['init', '-q', '--bare', bare], temp);
    repo.git(['remote', 'add', 'origin', bare]);
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['remote', 'set-url', 'origin', 'https://github.com/acme/shop.git']);
    repo.git(['remote', 'set-url', '--push', 'origin', bare]);
    return (args) => repo.git(['--git-dir', bare, ...args], temp);
  }

  async function finished(prompt: string): Promise<{ id: string; branch: string }> {
    const ran = await cli('run', '--repo', kit.repo.path, '--wait', prompt);
    expect(ran.code).toBe(0);
    const [, id = '', branch = ''] = /Task (\w+) on branch (\S+?)[.,]?\s/.exec(ran.err) ?? [];
    return { id, branch };
  }

  it('pushes the branch, opens a draft pull request through gh, and prints its address, state and checks', async () => {
    const remoteGit = bareOrigin();
    const gh = installFakeGh(kit.temp);
    gh.logIn(true);
    process.env.FLOTILLA_GH = gh.path;
    const task = await finished('write notes.md hello');

    const opened = await cli('pr', task.id, '--draft', '--title', 'Add notes', '--body', 'Notes, by hand.');
    expect(opened.code).toBe(0);
    const commit = remoteGit(['rev-parse', `refs/heads/${task.branch}`]);
    expect(remoteGit(['show', `${task.branch}:notes.md`])).toBe('hello');
    expect(opened.out).toBe(
      [
        `Pushed ${task.branch} to origin at ${commit.slice(0, 10)}.`,
        'Opened pull request #12: https://github.com/acme/shop/pull/12',
        'State: draft',
        'Checks: no checks',
        '',
      ].join('\n'),
    );
    expect(gh.callsOf('pr create')).toEqual([
      [
        ...['pr', 'create', '--repo', 'acme/shop', '--head', task.branch, '--base', 'main'],
        ...['--title', 'Add notes', '--body', 'Notes, by hand.', '--draft'],
      ],
    ]);

    // Again: the open one is shown rather than a failure, with its checks as gh reports them.
    gh.setPullRequest({
      url: 'https://github.com/acme/shop/pull/12',
      number: 12,
      state: 'OPEN',
      isDraft: false,
      statusCheckRollup: [
        { __typename: 'CheckRun', name: 'test', status: 'COMPLETED', conclusion: 'FAILURE' },
        { __typename: 'CheckRun', name: 'build', status: 'QUEUED', conclusion: '' },
      ],
    });
    const again = await cli('pr', task.id);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      'Pull request #12 was already open for this branch: https://github.com/acme/shop/pull/12',
    );
    expect(again.out).toContain('State: open\nChecks: 1 failed, 1 pending\n');
    const shown = await cli('show', task.id);
    expect(shown.out).toMatch(
      /Pull request\s+#12 open, checks: 1 failed, 1 pending: https:\/\/github.com\/acme\/shop\/pull\/12/,
    );
    expect(shown.out).toContain('opened draft pull request #12: https://github.com/acme/shop/pull/12');
    expect(shown.out).toContain('found pull request #12 already open for this branch');
  });

  it('without gh, pushes anyway, prints the link and says what to install', async () => {
    const remoteGit = bareOrigin();
    process.env.FLOTILLA_GH = join(kit.temp, 'no-gh-here');
    const task = await finished('write notes.md hello');
    const outcome = await cli('pr', task.id);
    expect(outcome.code).toBe(1);
    expect(remoteGit(['branch', '--list', task.branch])).toContain(task.branch);
    const branchPath = task.branch.split('/').map(encodeURIComponent).join('/');
    expect(outcome.out).toContain(
      `Open a pull request: https://github.com/acme/shop/compare/main...${branchPath}?expand=1`,
    );
    expect(outcome.err).toContain(
      `error: No pull request was opened. GitHub CLI (gh) was not found at ${join(kit.temp, 'no-gh-here')} (FLOTILLA_GH). Install GitHub CLI (https://cli.github.com) and run gh auth login.`,
    );
  });

  it('says what is wrong with bad usage', async () => {
    const missing = await cli('pr');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Usage: flotilla pr <task>');
    const unknown = await cli('pr', 'nosuchtask');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('error:');
  });
});
