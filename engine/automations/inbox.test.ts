import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

async function settled(h: EngineHarness, run: AutomationRun): Promise<AutomationRun> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { runs } = await h.engine.call('automation/runs', { automationId: run.automationId });
    const now = runs.find((one) => one.id === run.id);
    if (now?.inbox) return now;
    if (Date.now() > deadline) throw new Error(`run ${run.id} never settled: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the inbox', () => {
  it('gets runs that changed files or found something, archives those with nothing, and merging marks read', async () => {
    harness = await startHarness();
    const h = harness;
    const make = async (name: string, prompt: string) => {
      await h.engine.call('automation/create', {
        repoId: h.repoId,
        name,
        trigger: { on: 'schedule', cron: '0 7 1 1 *' },
        template: { prompt },
      });
      return (await h.engine.call('automation/run', { automationId: name })).run;
    };
    const changed = await settled(h, await make('fix', 'write fixed.txt yes'));
    const quiet = await settled(h, await make('quiet', 'say All fine.\nsay NOTHING TO REPORT'));
    const found = await settled(h, await make('audit', 'say The parser drops the last line of every file.'));
    expect(changed).toMatchObject({ inbox: 'unread', outcome: expect.stringMatching(/^1 file changed/) });
    expect(quiet).toMatchObject({ inbox: 'archived', outcome: 'Nothing to report' });
    expect(found).toMatchObject({
      inbox: 'unread',
      outcome: 'Findings, no changes: The parser drops the last line of every file.',
    });
    // The agent was told how to say it had nothing.
    const { task } = await h.engine.call('task/get', { taskId: quiet.taskIds[0] ?? '' });
    expect(task.prompt).toContain('end your answer with the line NOTHING TO REPORT');

    const inbox = await h.engine.call('inbox/list', {});
    expect(inbox.unread).toBe(2);
    expect(inbox.runs.map((run) => run.id)).toEqual([found.id, changed.id]);
    expect((await h.engine.call('inbox/list', { all: true })).runs).toHaveLength(3);

    await h.engine.call('task/merge', { taskId: changed.taskIds[0] ?? '' });
    const afterMerge = await h.engine.call('inbox/list', {});
    expect(afterMerge.runs.find((run) => run.id === changed.id)?.inbox).toBe('read');
    expect(afterMerge.unread).toBe(1);
    await h.engine.call('inbox/mark', { runId: found.taskIds[0] ?? '', state: 'archived' });
    expect((await h.engine.call('inbox/list', {})).runs.map((run) => run.id)).toEqual([changed.id]);
    await expect(h.engine.call('inbox/mark', { runId: 'zzz', state: 'read' })).rejects.toThrow(
      'No automation run or run task matches "zzz". See `flotilla inbox`.',
    );
  });
});
