import { afterEach, describe, expect, it } from 'vitest';
import { removeTemp } from '../../testing/engine/temp-repo.js';
import { bareContext, type BareContext } from '../../testing/engine/bare-context.js';
import { mergeSubtask } from './merge-subtask.js';
import { spawnSubtask } from './spawn-subtask.js';
import { readTeamMessages, sendTeamMessage } from './team-messages.js';
import { waitForSubtasks } from './wait-subtasks.js';

let bare: BareContext | null = null;
afterEach(async () => {
  await bare?.state.shutdown();
  if (bare) removeTemp(bare.root);
  bare = null;
});

/** A lead (t1) with one subtask (t2), and a task outside any team (t3); no job runs any of them. */
async function team(): Promise<BareContext> {
  bare = await bareContext();
  bare.addTask({ team: { role: 'lead' }, status: 'running' });
  bare.addTask({ team: { role: 'subtask', leadId: 't1' }, status: 'running' });
  bare.addTask({ status: 'done' });
  return bare;
}

describe('the team functions an MCP server would expose refuse with what to do, changing nothing', () => {
  it('a subtask cannot start subtasks: teams are one level deep', async () => {
    const { context } = await team();
    await expect(spawnSubtask(context, 't2', { title: 'Deeper', prompt: 'write x.txt y' })).rejects.toMatchObject({
      code: 'notInTeam',
      message: expect.stringContaining("Only the team's lead can start subtasks"),
    });
    expect(context.store.all()).toHaveLength(3);
  });

  it('a task outside any team has no team tools to call', async () => {
    const { context } = await team();
    expect(context.teamTools(context.store.require('t3').task)).toEqual([]);
    expect(context.teamTools(context.store.require('t2').task).map((tool) => tool.name)).toEqual([
      'send_message',
      'read_messages',
    ]);
    expect(() => readTeamMessages(context, 't3')).toThrow('Task t3 is not part of an agent team');
    await expect(spawnSubtask(context, 't3', { title: 'x', prompt: 'y' })).rejects.toMatchObject({ code: 'notInTeam' });
  });

  it('messages reach only teammates, never oneself, and never empty', async () => {
    const { context } = await team();
    const seq = context.store.require('t3').seq;
    expect(() => sendTeamMessage(context, 't2', 't3', 'hello')).toThrow('Task t3 is not in your team');
    expect(() => sendTeamMessage(context, 't2', 't2', 'hello')).toThrow('That is your own task id');
    expect(() => sendTeamMessage(context, 't2', 'lead', '  ')).toThrow('The message is empty');
    expect(() => sendTeamMessage(context, 't3', 't1', 'hello')).toThrow('Task t3 is not part of an agent team');
    expect(context.store.require('t3').seq).toBe(seq);
  });

  it('merge and wait name only the lead’s own subtasks, and a working subtask is not merged', async () => {
    const { context } = await team();
    await expect(mergeSubtask(context, 't1', 't3')).rejects.toThrow('Task t3 is not a subtask of this team');
    await expect(mergeSubtask(context, 't1', 't2')).rejects.toMatchObject({
      code: 'taskBusy',
      message: expect.stringContaining('Subtask t2 is still running'),
    });
    await expect(mergeSubtask(context, 't2', 't2')).rejects.toThrow("Only the team's lead can merge subtasks");
    const outcome = await waitForSubtasks(context, 't1', ['t2'], 0, new AbortController().signal);
    expect(outcome.finished).toBe(false);
    await expect(waitForSubtasks(context, 't1', ['t3'], 0, new AbortController().signal)).rejects.toThrow(
      'Task t3 is not a subtask of this team',
    );
  });
});
