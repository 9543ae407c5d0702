import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import type { EngineChange } from '../../shared/engine-events.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** Polls until `read` gives a value `done` accepts (or fails after `timeoutMs`). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
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

describe('automations', () => {
  it('refuse what could not work, saying what to change', async () => {
    harness = await startHarness();
    const { engine, repoId } = harness;
    const base = { repoId, name: 'deps', template: { prompt: 'Update dependencies' } };
    await expect(
      engine.call('automation/create', { ...base, trigger: { on: 'schedule', cron: '0 99 * * *' } }),
    ).rejects.toThrow('"0 99 * * *" is not a valid cron expression: Invalid value for hour: 99.');
    await expect(
      engine.call('automation/create', { ...base, trigger: { on: 'schedule', cron: '0 7 * *' } }),
    ).rejects.toThrow('"0 7 * *" has 4 fields; a cron expression has 5');
    await expect(
      engine.call('automation/create', {
        ...base,
        trigger: { on: 'schedule', cron: '0 7 * * 1-5', timezone: 'Mars/Olympus' },
      }),
    ).rejects.toThrow('"Mars/Olympus" is not a time zone this machine knows');
    await expect(
      engine.call('automation/create', {
        ...base,
        trigger: { on: 'commit', branch: 'main' },
        template: { prompt: 'Review {{commit.sah}}' },
      }),
    ).rejects.toThrow('The prompt uses {{commit.sah}}, which a commit trigger does not have. It has: ');
    await expect(
      engine.call('automation/create', { ...base, repoId: 'nope', trigger: { on: 'schedule', cron: '0 7 * * *' } }),
    ).rejects.toThrow('nope');
    const { automation } = await engine.call('automation/create', {
      ...base,
      trigger: { on: 'schedule', cron: '0 7 * * 1-5', timezone: 'Europe/Oslo' },
    });
    expect(automation.nextRunAt).not.toBeNull();
    await expect(
      engine.call('automation/create', { ...base, trigger: { on: 'schedule', cron: '0 8 * * *' } }),
    ).rejects.toThrow('An automation named "deps" exists already');
    expect((await engine.call('automation/list', {})).automations.map((one) => one.name)).toEqual(['deps']);
  });

  it('a plain git commit in the checkout starts one run with its variables; a merge by Flotilla does not', async () => {
    harness = await startHarness();
    const h = harness;
    const changes: EngineChange[] = [];
    h.engine.onChange((change) => changes.push(change));
    const { automation } = await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'review',
      trigger: { on: 'commit', branch: 'main' },
      template: { prompt: 'write review.txt {{commit.short}} {{commit.subject}}' },
    });
    // The trigger learns the current tip first; commits from before it existed never fire it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await runsOf(h, automation.id)).toEqual([]);

    writeFileSync(join(h.repo.path, 'README.md'), 'v2\n');
    h.repo.git(['commit', '-qam', 'Fix the date parsing']);
    const sha = h.repo.git(['rev-parse', 'HEAD']);
    const [run] = await until(
      () => runsOf(h, automation.id),
      (runs) => runs.length > 0,
    );
    expect(run).toMatchObject({
      state: 'started',
      reason: `new commit ${sha.slice(0, 7)} on main: Fix the date parsing`,
      eventKey: `tip:${sha}`,
    });
    expect(run?.variables['commit.sha']).toBe(sha);
    const taskId = run?.taskIds[0] ?? '';
    const task = await h.waitFor(taskId, ['done']);
    expect(task.prompt.split('\n')[0]).toBe(`write review.txt ${sha.slice(0, 7)} Fix the date parsing`);
    expect(task.automation).toMatchObject({ automationId: automation.id, name: 'review', runId: run?.id });
    expect(task.baseRef).toBe('main');
    expect(changes.some((change) => change.type === 'automation.ran' && change.run.id === run?.id)).toBe(true);

    // Flotilla merging the run's own task into main moves main, and must not review itself.
    await h.engine.call('task/merge', { taskId });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runsOf(h, automation.id)).toHaveLength(1);

    // A later commit by the user fires again, once, even when git moves the ref twice in a row.
    writeFileSync(join(h.repo.path, 'README.md'), 'v3\n');
    h.repo.git(['commit', '-qam', 'Second fix']);
    h.repo.git(['commit', '-q', '--amend', '-m', 'Second fix, reworded']);
    const runs = await until(
      () => runsOf(h, automation.id),
      (all) => all.length > 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await runsOf(h, automation.id)).toHaveLength(2);
    expect(runs[0]?.reason).toContain('Second fix, reworded');
  });

  it('with --per commit, a pull of two commits starts one run for each, oldest first', async () => {
    harness = await startHarness();
    const h = harness;
    const { automation } = await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'each',
      trigger: { on: 'commit', branch: 'main', per: 'commit' },
      template: { prompt: 'say {{commit.subject}}' },
      limits: { maxConcurrent: 2 },
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Both commits land while nothing looks: made on a side branch, then main jumps to them at once.
    h.repo.git(['checkout', '-q', '-b', 'side']);
    for (const subject of ['First change', 'Second change']) {
      writeFileSync(join(h.repo.path, 'README.md'), `${subject}\n`);
      h.repo.git(['commit', '-qam', subject]);
    }
    h.repo.git(['checkout', '-q', 'main']);
    h.repo.git(['merge', '-q', '--ff-only', 'side']);
    const runs = await until(
      () => runsOf(h, automation.id),
      (all) => all.length >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    const all = await runsOf(h, automation.id);
    expect(all.map((run) => run.variables['commit.subject'])).toEqual(['Second change', 'First change']);
    expect(runs.every((run) => run.state === 'started')).toBe(true);
  });

  it('a schedule every 2 seconds runs at most one run at a time, and busy events queue or are skipped', async () => {
    harness = await startHarness();
    const h = harness;
    const { automation } = await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'tick',
      trigger: { on: 'schedule', cron: '*/2 * * * * *' },
      template: { prompt: 'sleep 4500\nsay tick' },
      limits: { maxConcurrent: 1, whenBusy: 'skip' },
    });
    const runs = await until(
      () => runsOf(h, automation.id),
      (all) => all.filter((run) => run.state === 'started').length >= 2,
      40_000,
    );
    await h.engine.call('automation/pause', { automationId: 'tick' });
    const started = runs.filter((run) => run.state === 'started');
    const skipped = runs.filter((run) => run.state === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]?.detail).toContain('1 run already working (the limit is 1, and busy events are skipped)');
    // Never two at once: each run's task started after the one before had finished.
    const tasks = await Promise.all(
      started.map(async (run) => (await h.engine.call('task/get', { taskId: run.taskIds[0] ?? '' })).task),
    );
    const spans = tasks
      .map((task) => ({ start: Date.parse(task.createdAt), end: Date.parse(task.updatedAt) }))
      .sort((a, b) => a.start - b.start);
    for (let index = 1; index < spans.length; index += 1)
      expect(spans[index]?.start).toBeGreaterThanOrEqual(spans[index - 1]?.end ?? 0);
    expect(runs.every((run) => run.reason.startsWith('schedule */2 * * * * *, due '))).toBe(true);
  });

  it('limits skip a run with the reason, and a run by hand says so', async () => {
    harness = await startHarness();
    const h = harness;
    await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'once',
      trigger: { on: 'schedule', cron: '0 7 1 1 *' },
      template: { prompt: 'write once.txt x' },
      limits: { maxRunsPerDay: 1 },
    });
    const first = (await h.engine.call('automation/run', { automationId: 'once' })).run;
    expect(first).toMatchObject({ state: 'started', reason: 'run by hand' });
    const second = (await h.engine.call('automation/run', { automationId: 'once' })).run;
    expect(second).toMatchObject({
      state: 'skipped',
      detail: 'It already ran 1 time today (the limit is 1 a day).',
    });
    expect((await h.engine.call('task/list', {})).tasks).toHaveLength(1);
    await expect(h.engine.call('automation/run', { automationId: 'nope' })).rejects.toThrow(
      'No automation named or with id "nope". See `flotilla automation list`',
    );
  });

  it('a daily dollar limit skips a run once the runs of the day spent it, saying how much', async () => {
    harness = await startHarness();
    const h = harness;
    await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'costly',
      trigger: { on: 'schedule', cron: '0 7 1 1 *' },
      template: { prompt: 'spend 10 1.5' },
      limits: { maxUsdPerDay: 1 },
    });
    const first = (await h.engine.call('automation/run', { automationId: 'costly' })).run;
    await h.waitFor(first.taskIds[0] ?? '', ['done']);
    const second = (await h.engine.call('automation/run', { automationId: 'costly' })).run;
    expect(second).toMatchObject({ state: 'skipped', detail: 'Its runs spent $1.50 today (the limit is $1 a day).' });
  });

  it('a task trigger fires when another task finishes, never for its own runs', async () => {
    harness = await startHarness();
    const h = harness;
    const { automation } = await h.engine.call('automation/create', {
      repoId: h.repoId,
      name: 'changelog',
      trigger: { on: 'task', when: 'finished' },
      template: { prompt: 'write changelog.txt {{task.title}}' },
    });
    const task = await h.createTask('write feature.txt x');
    await h.waitFor(task.id, ['done']);
    const [run] = await until(
      () => runsOf(h, automation.id),
      (runs) => runs.length > 0,
    );
    expect(run?.reason).toBe(`task ${task.id} finished: ${task.title}`);
    await h.waitFor(run?.taskIds[0] ?? '', ['done']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runsOf(h, automation.id)).toHaveLength(1);
  });
});
