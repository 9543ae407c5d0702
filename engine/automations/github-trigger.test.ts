import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportInstruction } from './run-outcome.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
const originalPath = process.env.PATH;
afterEach(async () => {
  process.env.PATH = originalPath;
  delete process.env.FAKE_GH_DIR;
  await harness?.dispose();
  harness = null;
});

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A stand-in `gh` on PATH: answers --version, auth status (logged in once a file says so) and list from files. */
function installFakeGh(root: string): string {
  const dir = join(root, 'fake-gh');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const script = `#!/bin/sh
echo "$*" >> "$FAKE_GH_DIR/calls.log"
case "$1 $2" in
  "--version "*) echo "gh version 2.60.0 (fake)" ;;
  "auth status") [ -f "$FAKE_GH_DIR/logged-in" ] || { echo "You are not logged into any GitHub hosts. To log in, run: gh auth login" >&2; exit 1; } ;;
  "issue list") cat "$FAKE_GH_DIR/issues.json" ;;
  "pr list") cat "$FAKE_GH_DIR/pulls.json" ;;
  *) echo "unknown command: $*" >&2; exit 1 ;;
esac
`;
  writeFileSync(join(dir, 'bin', 'gh'), script);
  chmodSync(join(dir, 'bin', 'gh'), 0o755);
  writeFileSync(join(dir, 'issues.json'), '[]');
  writeFileSync(join(dir, 'pulls.json'), '[]');
  process.env.FAKE_GH_DIR = dir;
  return dir;
}

function item(number: number, title: string, extra: Record<string, unknown> = {}) {
  return {
    number,
    title,
    body: `Body of ${number}`,
    url: `https://github.com/acme/app/issues/${number}`,
    author: { login: 'octocat' },
    labels: [{ name: 'bug' }],
    ...extra,
  };
}

function runsOf(h: EngineHarness, automationId: string): Promise<AutomationRun[]> {
  return h.engine.call('automation/runs', { automationId }).then((result) => result.runs);
}

const input = (repoId: string) => ({
  repoId,
  name: 'triage',
  trigger: { on: 'github' as const, intervalSeconds: 1 },
  template: { prompt: 'say Look at {{event.kind}} #{{event.number}}: {{event.title}} [{{event.labels}}]' },
});

describe('github trigger', () => {
  it('is refused without a GitHub remote, without gh, and with gh logged out, each saying what to do', async () => {
    harness = await startHarness();
    const h = harness;
    await expect(h.engine.call('automation/create', input(h.repoId))).rejects.toThrow('has no GitHub remote to watch');
    h.repo.git(['remote', 'add', 'origin', 'git@github.com:acme/app.git']);
    // A PATH with git and nothing else, so no gh is found wherever the machine has one.
    mkdirSync(join(h.root, 'only-git'));
    symlinkSync(
      execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(),
      join(h.root, 'only-git', 'git'),
    );
    process.env.PATH = join(h.root, 'only-git');
    await expect(h.engine.call('automation/create', input(h.repoId))).rejects.toThrow(
      'The github trigger needs the GitHub CLI (gh), which this machine does not have. Install the GitHub CLI from ' +
        'https://cli.github.com, then run `gh auth login`.',
    );
    const fake = installFakeGh(h.root);
    process.env.PATH = `${join(fake, 'bin')}:${originalPath ?? ''}`;
    await expect(h.engine.call('automation/create', input(h.repoId))).rejects.toThrow(
      'gh is not logged in to github.com (You are not logged into any GitHub hosts. To log in, run: gh auth login). ' +
        'Run `gh auth login`',
    );
    expect((await h.engine.call('automation/list', {})).automations).toEqual([]);
  });

  it('the first poll only remembers what exists; each new issue and pull request then starts one run', async () => {
    harness = await startHarness();
    const h = harness;
    h.repo.git(['remote', 'add', 'origin', 'https://github.com/acme/app.git']);
    const fake = installFakeGh(h.root);
    process.env.PATH = `${join(fake, 'bin')}:${originalPath ?? ''}`;
    writeFileSync(join(fake, 'logged-in'), '');
    writeFileSync(join(fake, 'issues.json'), JSON.stringify([item(2, 'Old issue'), item(1, 'Older issue')]));
    const { automation } = await h.engine.call('automation/create', input(h.repoId));
    const memory = () => {
      const stored = JSON.parse(readFileSync(join(h.home, 'automations.json'), 'utf8')) as {
        memory: Record<string, { githubSeen: number | null }>;
      };
      return stored.memory[automation.id]?.githubSeen ?? null;
    };
    await until(memory, (seen) => seen === 2);
    expect(await runsOf(h, automation.id)).toEqual([]);

    writeFileSync(
      join(fake, 'issues.json'),
      JSON.stringify([item(3, 'Dates parse wrong'), item(2, 'Old issue'), item(1, 'Older issue')]),
    );
    const pull = item(4, 'Faster build', { url: 'https://github.com/acme/app/pull/4', labels: [] });
    writeFileSync(join(fake, 'pulls.json'), JSON.stringify([pull]));
    const runs = await until(
      () => runsOf(h, automation.id),
      (all) => all.length >= 2,
    );
    expect(runs.map((run) => run.reason).reverse()).toEqual([
      'new GitHub issue #3: Dates parse wrong',
      'new GitHub pull request #4: Faster build',
    ]);
    const issueRun = runs.find((run) => run.eventKey === 'github:issue:3');
    expect(issueRun?.variables).toMatchObject({
      'event.kind': 'issue',
      'event.title': 'Dates parse wrong',
      'event.body': 'Body of 3',
      'event.url': 'https://github.com/acme/app/issues/3',
      'event.sender': 'octocat',
      'event.repository': 'acme/app',
      'event.labels': 'bug',
    });
    const task = await h.waitFor(issueRun?.taskIds[0] ?? '', ['done']);
    expect(task.prompt).toBe(reportInstructionAfter('say Look at issue #3: Dates parse wrong [bug]'));

    // Later polls see the same items and start nothing more.
    const calls = () => readFileSync(join(fake, 'calls.log'), 'utf8').split('\n').filter(Boolean).length;
    const before = calls();
    await until(calls, (count) => count >= before + 4);
    expect(await runsOf(h, automation.id)).toHaveLength(2);
    expect(readFileSync(join(fake, 'calls.log'), 'utf8')).toContain('issue list --repo acme/app --state open');

    // A poll that fails shows on the automation itself, for every client, until a run starts again.
    writeFileSync(join(fake, 'issues.json'), 'not json');
    const stuck = await until(
      async () => (await h.engine.call('automation/list', {})).automations[0],
      (one) => one?.problem !== null,
    );
    expect(stuck?.problem).toContain('Automation triage cannot poll GitHub');
    writeFileSync(join(fake, 'issues.json'), JSON.stringify([item(5, 'Back again'), item(3, 'Dates parse wrong')]));
    await until(
      async () => (await h.engine.call('automation/list', {})).automations[0],
      (one) => one?.problem === null,
    );
    expect((await runsOf(h, automation.id))[0]?.reason).toBe('new GitHub issue #5: Back again');
  });
});

/** The prompt a run's task gets: the rendered template, then the line asking for NOTHING TO REPORT. */
function reportInstructionAfter(rendered: string): string {
  return rendered + reportInstruction;
}
