import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { createEngine } from '../engine.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
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

function runsOf(h: EngineHarness, automationId: string): Promise<AutomationRun[]> {
  return h.engine.call('automation/runs', { automationId }).then((result) => result.runs);
}

/** What the trigger remembers, read from FLOTILLA_HOME as the next engine would. */
function memoryOf(h: EngineHarness, automationId: string): { lastTip: string | null; verifiedTip: string | null } {
  const stored = JSON.parse(readFileSync(join(h.home, 'automations.json'), 'utf8')) as {
    memory: Record<string, { lastTip: string | null; verifiedTip: string | null }>;
  };
  return stored.memory[automationId] ?? { lastTip: null, verifiedTip: null };
}

async function createRedMain(h: EngineHarness, prompt = 'say Checks fail on {{commit.short}}') {
  const { automation } = await h.engine.call('automation/create', {
    repoId: h.repoId,
    name: 'red-main',
    trigger: { on: 'verifyFailed', branch: 'main' },
    template: { prompt },
  });
  // The first look only learns the tip: what was there before the automation is never checked.
  await until(
    () => memoryOf(h, automation.id),
    (memory) => memory.verifiedTip !== null,
  );
  return automation;
}

describe('verify-failed trigger', () => {
  it('a check the engine did not finish is done by the next engine on the same home', async () => {
    harness = await startHarness();
    const h = harness;
    const gate = join(h.repo.path, '.git', 'flotilla-test-gate');
    await h.engine.call('repo/update', {
      repoId: h.repoId,
      settings: { verifyCommand: `while [ ! -f ${gate} ]; do sleep 0.05; done; echo still red; exit 1` },
    });
    const automation = await createRedMain(h);
    writeFileSync(join(h.repo.path, 'README.md'), 'v2\n');
    h.repo.git(['commit', '-qam', 'While the engine closes']);
    const tip = h.repo.git(['rev-parse', 'HEAD']);
    const scratch = join(h.home, 'worktrees', 'scratch', `verify-${automation.id}`);
    await until(
      () => existsSync(scratch),
      (exists) => exists,
    );
    await h.engine.close();
    expect(existsSync(scratch)).toBe(false);
    expect(memoryOf(h, automation.id)).toMatchObject({ lastTip: tip, verifiedTip: expect.not.stringMatching(tip) });

    writeFileSync(gate, '');
    const next = await createEngine({ home: h.home });
    try {
      const runs = await until(
        () => next.call('automation/runs', { automationId: automation.id }).then((result) => result.runs),
        (all) => all.length > 0,
      );
      expect(runs[0]).toMatchObject({ eventKey: `verify:${tip}` });
      expect(runs[0]?.reason).toContain(`verify failed on ${tip.slice(0, 7)} (main)`);
      expect(runs[0]?.variables['failure.output']).toContain('still red');
    } finally {
      await next.close();
    }
  });

  it('is refused for a repository without a verify command, saying where to set one', async () => {
    harness = await startHarness();
    await expect(
      harness.engine.call('automation/create', {
        repoId: harness.repoId,
        name: 'red-main',
        trigger: { on: 'verifyFailed', branch: 'main' },
        template: { prompt: 'Fix {{failure.output}}' },
      }),
    ).rejects.toThrow(
      'has no verify command to run on new tips of main. Set one first: in Settings, or `flotilla repo set',
    );
    expect((await harness.engine.call('automation/list', {})).automations).toEqual([]);
  });

  it('checks each new tip in a scratch worktree, not the checkout; a passing tip fires nothing, a failing one fires with the failure', async () => {
    harness = await startHarness();
    const h = harness;
    await h.engine.call('repo/update', {
      repoId: h.repoId,
      settings: { verifyCommand: 'pwd; test ! -f broken.txt || { echo "broken: $(cat broken.txt)"; exit 3; }' },
    });
    const automation = await createRedMain(h, 'say {{commit.short}} fails {{failure.command}}\n{{failure.output}}');

    // The user's checkout has an untracked broken.txt; the commit does not, so its tip passes.
    writeFileSync(join(h.repo.path, 'broken.txt'), 'yes\n');
    writeFileSync(join(h.repo.path, 'README.md'), 'v2\n');
    h.repo.git(['commit', '-qm', 'Docs only', '--', 'README.md']);
    const passing = h.repo.git(['rev-parse', 'HEAD']);
    await until(
      () => memoryOf(h, automation.id),
      (memory) => memory.verifiedTip === passing,
    );
    expect(await runsOf(h, automation.id)).toEqual([]);

    h.repo.git(['add', 'broken.txt']);
    h.repo.git(['commit', '-qm', 'Break the build']);
    const failing = h.repo.git(['rev-parse', 'HEAD']);
    const [run] = await until(
      () => runsOf(h, automation.id),
      (runs) => runs.length > 0,
    );
    expect(run).toMatchObject({
      state: 'started',
      eventKey: `verify:${failing}`,
      reason: `verify failed on ${failing.slice(0, 7)} (main): \`${'pwd; test ! -f broken.txt || { echo "broken: $(cat broken.txt)"; exit 3; }'}\` exited with 3`,
    });
    const variables = run?.variables ?? {};
    expect(variables['commit.sha']).toBe(failing);
    expect(variables['commit.subject']).toBe('Break the build');
    expect(variables['failure.exitCode']).toBe('3');
    expect(variables['failure.command']).toContain('test ! -f broken.txt');
    expect(variables['failure.output']).toContain('broken: yes');
    // It ran in a scratch worktree under FLOTILLA_HOME, which is gone again, and no branch was made for it.
    const [where] = (variables['failure.output'] ?? '').split('\n');
    expect(where).toContain(join('worktrees', 'scratch', 'verify-'));
    expect(where?.startsWith(h.repo.path)).toBe(false);
    expect(existsSync(where ?? '')).toBe(false);
    const task = await h.waitFor(run?.taskIds[0] ?? '', ['done']);
    expect(task.prompt).toContain(`${failing.slice(0, 7)} fails pwd; test ! -f broken.txt`);
    expect(task.prompt).toContain('broken: yes');
    const worktrees = h.repo.git(['worktree', 'list', '--porcelain']);
    expect(worktrees).not.toContain('scratch');
    expect(
      h.repo
        .git(['branch', '--list'])
        .split('\n')
        .filter((line) => !line.includes('flotilla/')),
    ).toEqual(['* main']);
  });

  it('checks one tip at a time: a newer tip waits for the running check, and a tip passed by meanwhile is skipped', async () => {
    harness = await startHarness();
    const h = harness;
    // Tip A's check waits for a gate file in the git folder (readable in the sandbox), so B and C land while it runs.
    const gate = join(h.repo.path, '.git', 'flotilla-test-gate');
    await h.engine.call('repo/update', {
      repoId: h.repoId,
      settings: { verifyCommand: `if [ -f slow.txt ]; then while [ ! -f ${gate} ]; do sleep 0.05; done; fi; exit 1` },
    });
    const automation = await createRedMain(h);
    const commit = (files: Record<string, string | null>, message: string): string => {
      for (const [file, content] of Object.entries(files)) {
        if (content === null) h.repo.git(['rm', '-q', file]);
        else {
          writeFileSync(join(h.repo.path, file), content);
          h.repo.git(['add', file]);
        }
      }
      h.repo.git(['commit', '-qm', message]);
      const sha = h.repo.git(['rev-parse', 'HEAD']);
      return sha;
    };
    const seen = (sha: string) =>
      until(
        () => memoryOf(h, automation.id),
        (memory) => memory.lastTip === sha,
      );
    const a = commit({ 'slow.txt': 'x\n' }, 'A');
    await seen(a);
    await until(
      () => existsSync(join(h.home, 'worktrees', 'scratch', `verify-${automation.id}`)),
      (exists) => exists,
    );
    const b = commit({ 'slow.txt': null }, 'B');
    await seen(b);
    const c = commit({ 'c.txt': 'c\n' }, 'C');
    await seen(c);
    expect(await runsOf(h, automation.id)).toEqual([]);
    writeFileSync(gate, '');

    const runs = await until(
      () => runsOf(h, automation.id),
      (all) => all.length >= 2,
    );
    await until(
      () => memoryOf(h, automation.id),
      (memory) => memory.verifiedTip === c,
    );
    expect((await runsOf(h, automation.id)).map((run) => run.variables['commit.sha'])).toEqual([c, a]);
    expect(runs.map((run) => run.variables['commit.sha'])).not.toContain(b);
    expect(runs[0]?.variables['commit.list']).toBe(`${b.slice(0, 7)} B\n${c.slice(0, 7)} C`);
  });
});
