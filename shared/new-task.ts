import { emptyUsage, type Task } from './task.js';

/** What whoever creates a task decides; any other field of the task may be given too. */
export type NewTaskFields = Pick<
  Task,
  | 'id'
  | 'repoId'
  | 'title'
  | 'prompt'
  | 'agent'
  | 'model'
  | 'baseRef'
  | 'baseBranch'
  | 'baseCommit'
  | 'branch'
  | 'worktreePath'
  | 'createdAt'
> &
  Partial<Task>;

/**
 * A task the moment it is created: queued, without a worktree, turns, working time or usage yet, updated when it
 * was created, never pushed, and run with the default options (auto approval, no network, 50 model
 * calls, no budgets, no group) unless `fields` says otherwise.
 */
export function newTask(fields: NewTaskFields): Task {
  return {
    hasWorktree: false,
    status: 'queued',
    phase: null,
    updatedAt: fields.createdAt,
    turns: 0,
    workMs: 0,
    turnStartedAt: null,
    usage: { ...emptyUsage },
    lastError: null,
    mergedCommit: null,
    mergedInto: null,
    archiveRef: null,
    pushed: null,
    pullRequest: null,
    lastCommit: null,
    conflictFiles: [],
    changes: null,
    groupId: null,
    mergedSibling: null,
    approvalMode: 'auto',
    allowNetwork: false,
    sandbox: null,
    maxModelCalls: 50,
    tokenBudget: null,
    costBudgetUsd: null,
    archived: false,
    verifyCommand: null,
    verifyRetries: null,
    lastVerify: null,
    verifying: false,
    verifyRetry: 0,
    groupRole: null,
    groupOptions: null,
    ranking: null,
    overlaps: [],
    automation: null,
    groupStoppedBy: null,
    team: null,
    ...fields,
  };
}
