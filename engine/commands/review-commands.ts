import { discardTask, restoreTask } from '../tasks/discard-task.js';
import { mergeTaskBranch, previewTaskMerge, removeTaskWorktree } from '../tasks/merge-task.js';
import { bringInTaskBase } from '../tasks/bring-in-base.js';
import { createPullRequestTask, refreshPullRequestTask } from '../tasks/pull-request-task.js';
import { pushTask } from '../tasks/push-task.js';
import { diffTask } from '../tasks/task-diff.js';
import { discardTeam } from '../teams/team-lifecycle.js';
import type { Handlers } from './handler.js';

/**
 * Review commands: diff, merge preview, merge, bring in base (and its deprecated alias), push, pull requests, remove
 * the worktree, discard, restore.
 */
export const reviewCommands: Handlers<
  | 'task/diff'
  | 'task/mergePreview'
  | 'task/merge'
  | 'task/bringInBase'
  | 'task/mergeBase'
  | 'task/push'
  | 'task/createPullRequest'
  | 'task/refreshPullRequest'
  | 'task/removeWorktree'
  | 'task/discard'
  | 'task/restore'
> = {
  async 'task/diff'(context, { taskId }) {
    return { diff: await diffTask(context, taskId) };
  },
  async 'task/mergePreview'(context, params) {
    return previewTaskMerge(context, params);
  },
  async 'task/merge'(context, params) {
    return mergeTaskBranch(context, params);
  },
  async 'task/bringInBase'(context, params) {
    return bringInTaskBase(context, params);
  },
  /** Alias of task/bringInBase for one release: the same handler. */
  async 'task/mergeBase'(context, params) {
    return bringInTaskBase(context, params);
  },
  async 'task/push'(context, params) {
    return pushTask(context, params);
  },
  async 'task/createPullRequest'(context, params) {
    return createPullRequestTask(context, params);
  },
  async 'task/refreshPullRequest'(context, params) {
    return refreshPullRequestTask(context, params);
  },
  async 'task/removeWorktree'(context, { taskId }) {
    return removeTaskWorktree(context, taskId);
  },
  async 'task/discard'(context, { taskId }) {
    // The lead is stopped first so it starts no subtask while its team is archived.
    if (context.store.get(taskId)?.task.team?.role === 'lead') await context.runner.stop(taskId);
    await discardTeam(context, taskId);
    return { task: await discardTask(context, taskId) };
  },
  async 'task/restore'(context, { taskId }) {
    return { task: await restoreTask(context, taskId) };
  },
};
