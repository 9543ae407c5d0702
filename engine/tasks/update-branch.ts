import type { CommandResult } from '../../shared/commands.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { mergeBaseIntoTask } from '../worktree/merge-base.js';
import { pushBranch } from '../worktree/push.js';
import { mergeTarget } from './merge-task.js';
import { changesOf } from './run-turn.js';
import { sendMessage } from './messages.js';
import { guardTask } from './task-guard.js';

/** What the agent is asked when bringing in the base left conflict markers. */
export function resolveConflictsPrompt(base: string, files: readonly string[]): string {
  return [
    `I merged the latest \`${base}\` into this branch. These files now hold git conflict markers (<<<<<<<, =======, >>>>>>>) where both sides changed the same lines:`,
    ...files.map((file) => `- ${file}`),
    '',
    `Resolve every conflict so that both ${base}'s changes and this task's changes are kept as intended, remove all the markers, and check that the code still builds and its tests pass. Do not run git commands: Flotilla commits your changes.`,
  ].join('\n');
}

/** Merges the latest base into an idle task's branch; conflicts go to the agent unless the person resolves them by hand. */
export async function bringInBase(context: EngineContext, { taskId, base, byHand }: CommandInput<'task/mergeBase'>): Promise<CommandResult<'task/mergeBase'>> {
  let target = '';
  const { record, entry, worktree } = await guardTask(context, taskId, {
    action: 'bring in its base',
    worktree: 'review',
    idle: true,
    checkpoint: (task) => {
      target = mergeTarget(task, base);
      return `flotilla: checkpoint before bringing in ${target}`;
    },
  });
  const outcome = await mergeBaseIntoTask({ repoPath: entry.repo.path, worktree, branch: record.task.branch, base: target });
  if (outcome.kind === 'upToDate') return { task: record.task, outcome: 'upToDate', conflicts: [] };
  context.store.record(taskId, { type: 'base.merged', base: target, baseCommit: outcome.baseCommit, commit: outcome.commit, conflicts: outcome.conflicts, ...(await changesOf(record, outcome.commit)) });
  if (outcome.kind === 'conflicts' && !byHand) sendMessage(context, record, resolveConflictsPrompt(target, outcome.conflicts));
  return { task: record.task, outcome: outcome.kind, conflicts: outcome.conflicts };
}

/** Pushes an idle task's branch (checkpointing first). */
export async function pushTask(context: EngineContext, { taskId, remote }: CommandInput<'task/push'>): Promise<CommandResult<'task/push'>> {
  const { record, entry } = await guardTask(context, taskId, { action: 'push', worktree: 'review', idle: true, checkpoint: 'flotilla: checkpoint before push' });
  const pushed = await pushBranch({ repoPath: entry.repo.path, branch: record.task.branch, baseBranch: record.task.baseBranch, ...(remote ? { remote } : {}) });
  context.store.record(taskId, { type: 'pushed', pushed });
  return { task: record.task, pushed };
}
