import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { totalTokens } from '../../shared/budget.js';
import type { ThreadEventOf } from '../../shared/events.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const turnEnds = async (taskId: string) =>
  (await harness!.threadOf(taskId)).filter(
    (event): event is ThreadEventOf<'turn.ended'> => event.type === 'turn.ended',
  );

describe('task budgets', () => {
  test('a cost budget stops the agent the moment it is reached, keeping what it did', async () => {
    harness = await startHarness();
    const task = await harness.createTask(
      'write a.txt one\nspend 1000 0.60\nwrite b.txt two\nspend 1000 0.60\nwrite c.txt three',
      { costBudgetUsd: 1 },
    );
    expect(task.costBudgetUsd).toBe(1);
    const ended = await harness.waitFor(task.id, ['done', 'failed']);
    expect(ended.status).toBe('done');
    expect(ended.usage.costUsd).toBeCloseTo(1.2);
    expect(readFileSync(join(task.worktreePath, 'b.txt'), 'utf8')).toBe('two');
    expect(existsSync(join(task.worktreePath, 'c.txt'))).toBe(false);
    expect(harness.repo.git(['show', `${task.branch}:b.txt`])).toBe('two');
    expect((await turnEnds(task.id)).map((event) => [event.reason, event.message])).toEqual([
      ['budget', 'Stopped at the cost budget ($1.20 of $1 spent). Raise or remove the budget to let the agent go on.'],
    ]);
    expect(ended.lastError).toBeNull();
  });

  test('a token budget counts every turn, and a follow-up past it is refused until the budget is raised', async () => {
    harness = await startHarness();
    const task = await harness.createTask('spend 600 0\nwrite a.txt one', { tokenBudget: 1000 });
    await harness.waitFor(task.id, ['done']);
    expect((await turnEnds(task.id)).map((event) => event.reason)).toEqual(['completed']);
    // 600 used before this turn: the next 600 crosses the budget.
    await harness.engine.call('task/send', { taskId: task.id, text: 'spend 600 0\nwrite b.txt two' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    const used = totalTokens((await harness.waitFor(task.id, ['done'])).usage).toLocaleString('en-US');
    expect(used).toMatch(/^1,2\d\d$/);
    expect((await turnEnds(task.id)).map((event) => event.message)).toEqual([
      null,
      `Stopped at the token budget (${used} of 1,000 tokens used). Raise or remove the budget to let the agent go on.`,
    ]);
    expect(existsSync(join(task.worktreePath, 'b.txt'))).toBe(false);

    const messagesBefore = (await harness.threadOf(task.id)).filter((event) => event.type === 'user.message').length;
    await expect(
      harness.engine.call('task/send', { taskId: task.id, text: 'write c.txt three' }),
    ).rejects.toMatchObject({
      code: 'budgetReached',
      message: expect.stringContaining(
        `This task has reached the token budget (${used} of 1,000 tokens used). Raise or remove its budget`,
      ),
    });
    expect((await harness.threadOf(task.id)).filter((event) => event.type === 'user.message')).toHaveLength(
      messagesBefore,
    );

    const { task: raised } = await harness.engine.call('task/setBudget', {
      taskId: task.id,
      tokenBudget: 5000,
      costBudgetUsd: null,
    });
    expect(raised.tokenBudget).toBe(5000);
    expect((await harness.threadOf(task.id)).filter((event) => event.type === 'budget.changed')).toMatchObject([
      { tokenBudget: 5000, costBudgetUsd: null },
    ]);
    await harness.engine.call('task/send', { taskId: task.id, text: 'write c.txt three' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 3);
    await harness.waitFor(task.id, ['done']);
    expect(readFileSync(join(task.worktreePath, 'c.txt'), 'utf8')).toBe('three');
  });

  test('a budget stops an agent waiting on nothing but its own work, and removing it lets it run freely', async () => {
    harness = await startHarness();
    const task = await harness.createTask('spend 10 2.5\nsleep 20000\nwrite late.txt x', { costBudgetUsd: 2 });
    const ended = await harness.waitFor(task.id, ['done'], 10_000);
    expect(ended.usage.costUsd).toBe(2.5);
    expect(existsSync(join(task.worktreePath, 'late.txt'))).toBe(false);
    await harness.engine.call('task/setBudget', { taskId: task.id, tokenBudget: null, costBudgetUsd: null });
    await harness.engine.call('task/send', { taskId: task.id, text: 'spend 10 1\nwrite free.txt yes' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    expect((await turnEnds(task.id)).map((event) => event.reason)).toEqual(['budget', 'completed']);
    expect(existsSync(join(task.worktreePath, 'free.txt'))).toBe(true);
  });

  test('new tasks get the default budget from the settings unless they give their own or none', async () => {
    harness = await startHarness();
    await harness.engine.call('settings/update', { defaultCostBudgetUsd: 2 });
    expect((await harness.createTask('write a.txt one')).costBudgetUsd).toBe(2);
    expect((await harness.createTask('write b.txt two', { costBudgetUsd: 5 })).costBudgetUsd).toBe(5);
    expect((await harness.createTask('write c.txt three', { costBudgetUsd: null })).costBudgetUsd).toBeNull();
    await expect(harness.engine.call('settings/update', { defaultCostBudgetUsd: 0 })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('A default budget must be more than $0.'),
    });
  });

  test('a budget that is not a positive amount is refused with what to give', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one');
    await expect(
      harness.engine.call('task/setBudget', { taskId: task.id, tokenBudget: null, costBudgetUsd: -1 }),
    ).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('A cost budget must be more than $0.'),
    });
    await expect(harness.createTask('write a.txt one', { tokenBudget: 0 })).rejects.toMatchObject({
      code: 'invalidInput',
    });
  });
});
