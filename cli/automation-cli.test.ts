import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { useCliHome } from '../testing/cli/cli-home.js';
import type { TempRepo } from '../testing/engine/temp-repo.js';

describe('flotilla automation', () => {
  const kit = useCliHome();
  const { cli } = kit;
  let temp: string;
  let home: string;
  let repo: TempRepo;
  beforeEach(() => {
    ({ temp, home, repo } = kit);
  });

  async function until(read: () => Promise<string>, done: (out: string) => boolean): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const out = await read();
      if (done(out)) return out;
      if (Date.now() > deadline) throw new Error(`never matched:\n${out}`);
      await sleep(200);
    }
  }

  async function runsUntil(name: string, match: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { out } = await cli('automation', 'runs', name);
      if (match.test(out)) return out;
      if (Date.now() > deadline) throw new Error(`runs of ${name} never matched ${match}:\n${out}`);
      await sleep(200);
    }
  }

  it('refuses a bad trigger or prompt with what to write, and adds nothing', async () => {
    const noCron = await cli(
      'automation',
      'add',
      '--repo',
      'repo',
      '--name',
      'deps',
      '--on',
      'schedule',
      '--prompt',
      'x',
    );
    expect(noCron.code).toBe(2);
    expect(noCron.err).toContain('--on schedule needs --cron "<expression>"');
    const badCron = await cli(
      'automation',
      'add',
      '--repo',
      'repo',
      '--name',
      'deps',
      '--on',
      'schedule',
      '--cron',
      '61 7 * * *',
      '--prompt',
      'Update dependencies',
    );
    expect(badCron.code).toBe(1);
    expect(badCron.err).toContain('"61 7 * * *" is not a valid cron expression');
    const typo = await cli(
      'automation',
      'add',
      '--repo',
      'repo',
      '--name',
      'review',
      '--on',
      'commit',
      '--branch',
      'main',
      '--prompt',
      'Review {{commit.shaa}}',
    );
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('The prompt uses {{commit.shaa}}, which a commit trigger does not have');
    expect((await cli('automation', 'list')).out).toContain('No automations yet.');
  });

  it('adds a webhook, printing its URL and secret once; a signed POST to it starts a run; secret shows them again', async () => {
    const noVerify = await cli(
      ...['automation', 'add', '--repo', 'repo', '--name', 'red', '--on', 'verify-failed', '--branch', 'main'],
      ...['--prompt', 'Fix {{failure.output}}'],
    );
    expect(noVerify.code).toBe(1);
    expect(noVerify.err).toContain('has no verify command to run on new tips of main');
    const badEvery = await cli(
      ...['automation', 'add', '--repo', 'repo', '--name', 'gh', '--on', 'github', '--every', 'soon'],
      ...['--prompt', 'x'],
    );
    expect(badEvery.code).toBe(2);
    expect(badEvery.err).toContain('--every takes an interval such as 5m, 30s or 1h, not "soon"');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/app.git']);
    const path = process.env.PATH;
    // A PATH with git and nothing else, so no gh is found wherever the machine has one.
    mkdirSync(join(temp, 'only-git'));
    symlinkSync(
      execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(),
      join(temp, 'only-git', 'git'),
    );
    process.env.PATH = join(temp, 'only-git');
    const noGh = await cli(
      ...['automation', 'add', '--repo', 'repo', '--name', 'gh', '--on', 'github', '--every', '10m'],
      ...['--prompt', 'Look at {{event.title}}'],
    ).finally(() => (process.env.PATH = path));
    expect(noGh.code).toBe(1);
    expect(noGh.err).toContain('Install the GitHub CLI from https://cli.github.com, then run `gh auth login`.');

    const added = await cli(
      ...['automation', 'add', '--repo', 'repo', '--name', 'triage', '--on', 'webhook'],
      ...['--prompt', 'say Investigate {{event.title}}'],
    );
    expect(added.code).toBe(0);
    const url = /Webhook URL: (http:\/\/127\.0\.0\.1:\d+\/hooks\/\w+)/.exec(added.out)?.[1] ?? '';
    const secret = /Secret: (\S+)/.exec(added.out)?.[1] ?? '';
    expect(url).not.toBe('');
    expect(secret.length).toBeGreaterThan(20);
    const body = JSON.stringify({ title: 'Export failed' });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const response = await fetch(url, { method: 'POST', body, headers: { 'x-hub-signature-256': signature } });
    expect(response.status).toBe(202);
    expect(await runsUntil('triage', /started/)).toContain('webhook: Export failed');
    const shown = await cli('automation', 'secret', 'triage');
    expect(shown.out).toContain(`Webhook URL: ${url}`);
    expect(shown.out).toContain(`Secret: ${secret}`);
    expect((await cli('automation', 'list')).out).toMatch(/triage\s+on\s+a signed webhook/);
  });

  it('reviews a commit made in the checkout, lists it, survives a SIGKILL of the engine and catches up', async () => {
    const added = await cli(
      'automation',
      'add',
      '--repo',
      'repo',
      '--name',
      'review',
      '--on',
      'commit',
      '--branch',
      'main',
      '--prompt',
      'say Reviewing {{commit.short}}\\nwrite review.txt {{commit.subject}}',
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added automation review');
    expect(added.err).toContain('Automations fire while an engine runs');
    const engine = await readHomeLock(home);
    expect(engine?.endpoint).toBeTruthy();
    // Give the background engine a moment to learn main's tip before the commit lands.
    await sleep(1_000);

    writeFileSync(join(repo.path, 'README.md'), '# demo v2\n');
    repo.git(['commit', '-qam', 'Fix the parser']);
    const short = repo.git(['rev-parse', '--short=7', 'HEAD']);
    const runs = await runsUntil('review', /started/);
    expect(runs).toContain(`new commit ${short} on main: Fix the parser`);
    const taskId = /started\s+(\w+)/.exec(runs)?.[1] ?? '';
    const shown = await cli('show', taskId);
    expect(shown.out).toContain(`Reviewing ${short}`);
    const listed = await cli('automation', 'list');
    expect(listed.out).toMatch(/review\s+on\s+each new tip of main/);

    // The engine dies hard; what it stored is all there for the next one, which also catches up on main.
    process.kill(engine?.pid ?? 0, 'SIGKILL');
    for (let tries = 0; tries < 100 && isProcessAlive(engine?.pid ?? 0); tries += 1) await sleep(50);
    writeFileSync(join(repo.path, 'README.md'), '# demo v3\n');
    repo.git(['commit', '-qam', 'Made while no engine ran']);
    expect((await cli('automation', 'list')).out).toContain('review');
    const ran = await cli('automation', 'run', 'review');
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/^(Started|Queued)/);
    // The run by hand and the catch-up take turns (one run at a time is the default limit), and both run.
    const after = await until(
      async () => (await cli('automation', 'runs', 'review')).out,
      (out) =>
        /started\s+\w+\s+run by hand/.test(out) &&
        /started\s+\w+\s+new commit \w+ on main: Made while no engine ran/.test(out),
    );
    expect(after.match(/started/g)).toHaveLength(3);

    const inbox = await until(
      async () => (await cli('inbox')).out,
      (out) => /^3 unread\./.test(out),
    );
    expect(inbox).toMatch(/unread\s+review\s+\w+\s+1 file changed/);
    expect((await cli('inbox', 'read', taskId)).out).toContain('read');
    expect((await cli('inbox')).out).toMatch(/^2 unread\./);

    const paused = await cli('automation', 'pause', 'review');
    expect(paused.out).toContain('Paused review');
    const removed = await cli('automation', 'remove', 'review');
    expect(removed.out).toContain('Removed review. The tasks its runs started are kept.');
    const missing = await cli('automation', 'runs', 'review');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No automation named or with id "review"');
  });
});
