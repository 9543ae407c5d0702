import { afterEach, describe, expect, test } from 'vitest';
import type { Agent } from '../agents/agent.js';
import { scriptedAgent } from '../agents/scripted-agent.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** A second runnable agent (the scripted one under another name), and one that cannot run here. */
const twin: Agent = { ...scriptedAgent, id: 'twin', name: 'Twin agent' };
const missing: Agent = {
  ...scriptedAgent,
  id: 'missing',
  name: 'Missing agent',
  detect: async () => ({ available: false, detail: 'It is not installed.' }),
};

describe('one prompt, several agents', () => {
  test('starts one task per agent and attempt, as siblings of one group, each in its own worktree', async () => {
    harness = await startHarness({ agents: () => [scriptedAgent, twin, missing] });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write answer.txt mine',
      agents: ['scripted', 'twin'],
      attempts: 2,
    });
    expect(tasks.map((task) => task.agent)).toEqual(['scripted', 'scripted', 'twin', 'twin']);
    expect(new Set(tasks.map((task) => task.groupId)).size).toBe(1);
    expect(tasks[0]?.groupId).not.toBeNull();
    expect(new Set(tasks.map((task) => task.worktreePath)).size).toBe(4);
    for (const task of tasks) expect((await harness.waitFor(task.id, ['done'])).status).toBe('done');
  });

  test('refuses the whole request, creating nothing, when one of the agents cannot run', async () => {
    harness = await startHarness({ agents: () => [scriptedAgent, twin, missing] });
    await expect(
      harness.engine.call('task/create', { repoId: harness.repoId, prompt: 'x', agents: ['scripted', 'missing'] }),
    ).rejects.toMatchObject({
      code: 'agentUnavailable',
      message: expect.stringContaining('Missing agent cannot run yet: It is not installed.'),
    });
    await expect(
      harness.engine.call('task/create', {
        repoId: harness.repoId,
        prompt: 'x',
        agents: ['scripted', 'twin'],
        attempts: 9,
      }),
    ).rejects.toMatchObject({
      code: 'invalidInput',
      message: 'That is 18 tasks at once (agents × attempts); start at most 16 from one prompt.',
    });
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
  });
});
