import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineError } from '../errors.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { startGroup, withoutProviderEnvironment } from '../../testing/engine/group-kit.js';

let harness: EngineHarness | null = null;
let restoreEnvironment: () => void = () => undefined;
beforeEach(() => {
  restoreEnvironment = withoutProviderEnvironment();
});
afterEach(async () => {
  await harness?.dispose();
  harness = null;
  restoreEnvironment();
});

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    return error as EngineError;
  }
  throw new Error('expected the call to fail');
}

describe('group commands on bad input', () => {
  it('refuses --judge and --synthesize for a single attempt, saying to use --attempts N or several agents', async () => {
    harness = await startHarness();
    const before = harness.repo.git(['for-each-ref']);
    for (const flag of ['judge', 'synthesize'] as const) {
      const refused = await failure(
        harness.engine.call('task/create', { repoId: harness.repoId, prompt: 'write a.txt x', [flag]: true }),
      );
      expect(refused.code).toBe('invalidInput');
      expect(refused.message).toContain(`--${flag}`);
      expect(refused.message).toContain('--attempts N');
      expect(refused.message).toContain('several agents');
    }
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
    expect(harness.repo.git(['for-each-ref'])).toBe(before);
  });

  it('refuses judge: true when no judge model is configured, saying how to set one', async () => {
    harness = await startHarness();
    const refused = await failure(startGroup(harness, 'write a.txt x', { judge: true }));
    expect(refused.code).toBe('judgeUnavailable');
    expect(refused.message).toContain('ANTHROPIC_API_KEY');
    expect(refused.message).toContain('judgeModel');
    await harness.engine.call('settings/update', { judgeModel: 'openai:gpt-5' });
    const unreachable = await failure(startGroup(harness, 'write a.txt x', { synthesize: true }));
    expect(unreachable.code).toBe('judgeUnavailable');
    expect(unreachable.message).toContain('OPENAI_API_KEY');
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
  });

  it('answers group commands on a task outside any group with notInGroup and what they work on', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write solo.txt x', { agent: 'scripted' });
    await harness.waitFor(task.id, ['done']);
    for (const method of ['group/get', 'group/judge', 'group/synthesize', 'group/pick'] as const) {
      const refused = await failure(harness.engine.call(method, { taskId: task.id }));
      expect(refused.code).toBe('notInGroup');
      expect(refused.message).toContain('--attempts N or several agents');
    }
    const { task: after } = await harness.engine.call('task/get', { taskId: task.id });
    expect(after.status).toBe('done');
    expect(harness.repo.git(['branch', '--list', task.branch])).toContain(task.branch);
  });

  it('refuses a synthesis before the group is ranked', async () => {
    harness = await startHarness();
    const tasks = await startGroup(harness, 'sleep 400\nwrite a.txt x');
    const early = await failure(harness.engine.call('group/synthesize', { taskId: tasks[0]!.id }));
    expect(early.code).toBe('invalidInput');
    expect(early.message).toContain('not ranked yet');
  });
});
