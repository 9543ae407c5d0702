import { describe, expect, it } from 'vitest';
import { newTask, type NewTaskFields } from './new-task.js';
import { emptyUsage, taskSchema } from './task.js';

const fields: NewTaskFields = {
  id: 't1',
  repoId: 'r1',
  title: 'Fix the README',
  prompt: 'Fix the README',
  agent: 'builtin',
  model: 'compatible:local',
  baseRef: 'main',
  baseBranch: 'main',
  baseCommit: 'a'.repeat(40),
  branch: 'flotilla/fix-the-readme',
  worktreePath: '/tmp/worktrees/t1',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('newTask', () => {
  it('builds a task the contract accepts: queued, no worktree, no turns or usage, updated when created, default run options', () => {
    const task = newTask(fields);
    expect(taskSchema.parse(task)).toEqual(task);
    expect(task).toMatchObject({
      ...fields,
      status: 'queued',
      phase: null,
      hasWorktree: false,
      turns: 0,
      updatedAt: fields.createdAt,
      lastError: null,
      pushed: null,
    });
    expect(task).toMatchObject({
      approvalMode: 'auto',
      allowNetwork: false,
      maxModelCalls: 50,
      tokenBudget: null,
      costBudgetUsd: null,
      groupId: null,
      sandbox: null,
    });
    expect(task.usage).toEqual(emptyUsage);
    expect(task.usage).not.toBe(emptyUsage);
  });

  it('keeps every field it is given over its defaults', () => {
    const task = newTask({
      ...fields,
      status: 'running',
      approvalMode: 'ask',
      maxModelCalls: 5,
      costBudgetUsd: 2,
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(task).toMatchObject({
      status: 'running',
      approvalMode: 'ask',
      maxModelCalls: 5,
      costBudgetUsd: 2,
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
  });
});
