import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { reduceTask } from '../../../shared/reduce-task.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { taskFields } from './task-fields.js';

describe('the fields a row or card shows of a task', () => {
  it('stay equal while a running task streams, so its row and card do not re-render', () => {
    const next = eventStream('t1');
    const running = sampleTask({ status: 'running' });
    const streamed = reduceTask(running, next({ type: 'agent.text', text: 'more words' }));
    expect(streamed?.updatedAt).not.toBe(running.updatedAt);
    expect(shallow(taskFields(running), taskFields(streamed ?? undefined))).toBe(true);
  });

  it('change when something shown changes: the status, or the cost by a cent', () => {
    const running = sampleTask({ status: 'running' });
    expect(shallow(taskFields(running), taskFields({ ...running, status: 'done' }))).toBe(false);
    const cost = (costUsd: number) => taskFields({ ...running, usage: { ...running.usage, costUsd } });
    expect(shallow(cost(0.421), cost(0.424))).toBe(true);
    expect(shallow(cost(0.42), cost(0.43))).toBe(false);
  });

  it('say when the task has reached its budget', () => {
    const spent = sampleTask({ status: 'done', costBudgetUsd: 1, usage: { ...sampleTask().usage, costUsd: 1.2 } });
    expect(taskFields(spent)?.overBudget).toBe(true);
    expect(taskFields({ ...spent, costBudgetUsd: 2 })?.overBudget).toBe(false);
    expect(taskFields({ ...spent, costBudgetUsd: null })?.overBudget).toBe(false);
  });

  it('carry the working time of ended turns and the start of the running one, not the last update', () => {
    expect(
      taskFields(sampleTask({ status: 'running', workMs: 4000, turnStartedAt: '2025-01-01T00:01:00.000Z' })),
    ).toMatchObject({ workMs: 4000, turnStartedAt: '2025-01-01T00:01:00.000Z' });
    const done = sampleTask({ status: 'merged', workMs: 300, updatedAt: '2025-01-01T00:09:00.000Z' });
    // A merge nine minutes later changes nothing a row shows about time.
    expect(shallow(taskFields(done), taskFields({ ...done, updatedAt: '2025-01-01T00:20:00.000Z' }))).toBe(true);
    expect(taskFields(done)).toMatchObject({ workMs: 300, turnStartedAt: null });
    expect(taskFields(undefined)).toBeNull();
  });
});
