import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../testing/engine/temp-repo.js';
import { useCliHome } from '../testing/cli/cli-home.js';

/** A verify command that fails, printing a scripted-agent step that fixes it, until fixed.txt exists. */
const checkFixed = 'test -f fixed.txt || { echo "write fixed.txt fixed by the retry"; exit 1; }';

describe('flotilla verify, retries and merge checks end to end', () => {
  const kit = useCliHome({ 'README.md': '# demo\n', 'package.json': '{"scripts":{"test":"vitest run"}}\n' });
  const { cli } = kit;
  let repo: TempRepo;
  beforeEach(() => {
    ({ repo } = kit);
  });

  function taskIdOf(err: string): string {
    return /^Task ([a-z0-9]+) on branch/m.exec(err)?.[1] ?? '';
  }

  it('suggests a verify command without setting it, then sets verify and retries with repo set', async () => {
    const added = await cli('repo', 'add', 'repo');
    expect(added.code).toBe(0);
    expect(added.out).toContain('No verify command is set. repo suggests:\n  npm test  package.json has a test script');
    expect(added.out).toContain(
      'Nothing runs until you choose: `flotilla repo set repo --verify "npm test"` sets the first.',
    );
    expect((await cli('repo', 'list')).out).toMatch(/repo\s+-\s+\//);
    const suggested = await cli('repo', 'set', 'repo', '--suggest-verify');
    expect(suggested.out).toContain('npm test');
    const set = await cli('repo', 'set', 'repo', '--verify', 'true', '--retries', '3', '--verify-timeout', '90s');
    expect(set.code).toBe(0);
    expect(set.out).toContain(
      'Verify: `true` after each turn that changes files (3 retries, time limit 1 min 30 s); merging needs passing checks on the tip being merged.',
    );
    expect((await cli('repo', 'list')).out).toMatch(/repo\s+true\s+\//);
    const relaxed = await cli('repo', 'set', repo.path, '--no-require-checks');
    expect(relaxed.out).toContain('merging does not need passing checks');
    const cleared = await cli('repo', 'set', 'repo', '--verify', 'none');
    expect(cleared.out).toContain('Verify: none set');
    expect(cleared.out).not.toContain('suggests');
    const nothing = await cli('repo', 'set', 'repo');
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('Nothing to set: give --verify');
    const badRetries = await cli('repo', 'set', 'repo', '--retries', 'many');
    expect(badRetries.code).toBe(2);
    expect(badRetries.err).toContain('--retries takes a whole number from 0 to 10, not "many".');
  });

  it('sends a failed verify back to the agent, which fixes it on the retry; list, show, verify and merge agree', async () => {
    const ran = await cli(
      'run',
      '--repo',
      repo.path,
      '--verify',
      checkFixed,
      '--retries',
      '2',
      '--wait',
      'write a.txt first try',
    );
    const id = taskIdOf(ran.err);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('verify | write fixed.txt fixed by the retry\n');
    expect(ran.out).toMatch(/exited 1 after \d+\.\d s — Verify failed, retry 1 of 2\n/);
    expect(ran.out).toContain('to the agent: The checks failed after your changes: ');
    expect(ran.out).toContain('tool write_file {"path":"fixed.txt"}');
    expect(ran.out).toMatch(/verify: running `[^\n]+` after retry 1 of 2\n/);
    expect(ran.out).toMatch(/passed in \d+\.\d s — verified\nstatus done\n/);
    expect(ran.err).toContain(`Task ${id} done, verified. Review it with`);
    expect((await cli('list')).out).toMatch(new RegExp(`${id}\\s+done\\s+verified\\s+flotilla/`));
    const shown = (await cli('show', id)).out;
    expect(shown).toMatch(/Verify\s+verified: `test -f fixed\.txt[^\n]+` passed in \d+\.\d s on [0-9a-f]{10}\n/);
    expect(shown).not.toContain('Group ');

    // A change after the checks makes them stale: the merge says so and is refused until they run again.
    const worktree = /Worktree\s+(\S+)/.exec(shown)?.[1] ?? '';
    writeFileSync(join(worktree, 'a.txt'), 'edited by hand\n');
    const stale = await cli('merge', id);
    expect(stale.code).toBe(1);
    expect(stale.out).toMatch(
      /Checks: stale — `[^\n]+` passed in [^\n]+ not on the tip being merged \(required to merge\)\./,
    );
    expect(stale.err).toContain(
      `error: This repository requires passing checks to merge, and its last checks ran on an older commit than the one being merged. Run them with \`flotilla verify ${id}\`, or merge anyway with --force-unverified.`,
    );
    expect((await cli('list')).out).toMatch(new RegExp(`${id}\\s+done\\s+stale\\s`));
    const verified = await cli('verify', id);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^verify: running `[^\n]+` \(asked for\)\n/);
    expect(verified.out).toMatch(/Verified: `[^\n]+` passed in \d+\.\d s\. `flotilla merge \w+` merges it\.\n$/);
    const merged = await cli('merge', id);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/^Checks: `[^\n]+` passed in \d+\.\d s on the tip being merged\.\n/);
    expect(repo.git(['show', 'main:a.txt'])).toBe('edited by hand');
    expect(repo.git(['show', 'main:fixed.txt'])).toBe('fixed by the retry');
  });

  it('shows verifying, then "retry 1 of 2" while the agent works on the failure, then verified, in the VERIFY column', async () => {
    // The checks take a moment, and the retry turn too, so a look at the list can catch each state.
    const slowCheck = 'sleep 1; test -f fixed.txt || { echo "sleep 1500"; echo "write fixed.txt ok"; exit 1; }';
    const started = await cli('run', '--repo', repo.path, '--verify', slowCheck, 'write a.txt x');
    expect(started.code).toBe(0);
    const id = started.out.trim();
    const column = async () =>
      /^\w+\s+\w+\s+(verifying|retry \d of \d|verified|failed verification|-)\s/m.exec((await cli('list')).out)?.[1];
    const poll = { timeout: 30_000, interval: 100 };
    await expect.poll(column, poll).toBe('verifying');
    await expect.poll(column, poll).toBe('retry 1 of 2');
    await expect.poll(column, poll).toBe('verified');
    const shown = (await cli('show', id)).out;
    expect(shown).toContain('to the agent: The checks failed after your changes:');
    expect(shown).toMatch(/— Verify failed, retry 1 of 2\n/);
    expect(shown).toMatch(/— verified\n/);
  });

  it('ends failed verification when retries run out; merge refuses until --force-unverified', async () => {
    const ran = await cli(
      'run',
      '--repo',
      repo.path,
      '--verify',
      'echo "1 test failing"; exit 3',
      '--retries',
      '0',
      '--wait',
      'write a.txt x',
    );
    const id = taskIdOf(ran.err);
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(/exited 3 after \d+\.\d s — failed verification\n/);
    expect(ran.out).not.toContain('to the agent:');
    expect(ran.err).toContain(`Task ${id} done, failed verification.`);
    expect((await cli('list')).out).toMatch(new RegExp(`${id}\\s+done\\s+failed verification\\s+flotilla/`));
    const again = await cli('verify', id);
    expect(again.code).toBe(1);
    expect(again.out).toContain('  verify | 1 test failing\n');
    expect(again.out).toContain(`Failed verification: \`echo "1 test failing"; exit 3\` exited 3 after`);
    const refused = await cli('merge', id);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(
      /Checks: `[^\n]+` exited 3 after [^\n]+ on the tip being merged \(required to merge\)\./,
    );
    expect(refused.err).toContain(
      `error: This repository requires passing checks to merge, and its checks failed. Run them with \`flotilla verify ${id}\`, or merge anyway with --force-unverified.`,
    );
    const forced = await cli('merge', id, '--force-unverified');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('Merged without passing checks (--force-unverified).');
    expect(repo.git(['show', 'main:a.txt'])).toBe('x');
  });

  it('says what went wrong with a verify command that does not exist, and with one that runs past its time limit', async () => {
    await cli('repo', 'add', 'repo');
    const missing = await cli(
      'run',
      '--repo',
      repo.path,
      '--verify',
      'no-such-checker --all',
      '--wait',
      'write a.txt x',
    );
    expect(missing.code).toBe(1);
    expect(missing.out).toContain(
      'verify: `no-such-checker --all` could not run: command not found (exit 127) — failed verification\n',
    );
    expect(missing.out).toContain(
      "status done: Failed verification: `no-such-checker --all` was not found in the sandbox (exit 127). Install it in the repository (or the machine), or change the repository's verify command.",
    );
    expect(missing.out).not.toContain('to the agent:');
    expect(
      (await cli('repo', 'set', 'repo', '--verify', 'sleep 30', '--verify-timeout', '1s', '--retries', '0')).code,
    ).toBe(0);
    const hung = await cli('run', '--repo', repo.path, '--wait', 'write b.txt y');
    expect(hung.code).toBe(1);
    expect(hung.out).toMatch(
      /verify: `sleep 30` was stopped after 1\.\d s: it ran past its time limit — failed verification\n/,
    );
    expect(hung.out).toContain(
      'status done: Failed verification: `sleep 30` ran past its time limit (1 s) and was stopped.\n',
    );
    expect(hung.err).toMatch(
      /Task (\w+) done, failed verification\. `flotilla show \1` shows what failed; `flotilla send \1 "<what to fix>"` asks the agent to fix it, and `flotilla verify \1` runs the checks again\.\n$/,
    );
  });

  it('says how to set a verify command when a task has none, and shows "-" in the VERIFY column', async () => {
    const ran = await cli('run', '--repo', repo.path, '--wait', 'write a.txt x');
    const id = taskIdOf(ran.err);
    expect(ran.code).toBe(0);
    expect(ran.out).not.toContain('verify:');
    expect((await cli('list')).out).toMatch(new RegExp(`${id}\\s+done\\s+-\\s+flotilla/`));
    const repoId = /^(\w+)\s+repo\s/m.exec((await cli('repo', 'list')).out)?.[1] ?? '';
    expect((await cli('show', id)).out).toContain(
      `Verify    none set; \`flotilla repo set ${repoId} --verify "<command>"\` sets one`,
    );
    const refused = await cli('verify', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `error: Task ${id} has no verify command: its repository has none set. Set one with \`flotilla repo set ${repoId} --verify "<command>"\` (\`flotilla repo set ${repoId} --suggest-verify\` shows what the repository suggests), then run \`flotilla verify ${id}\` again.\n`,
    );
    // Nothing ran and nothing changed: the merge needs no checks without a verify command.
    expect((await cli('merge', id)).code).toBe(0);
  });
});
