import type { CommandResult } from '../../shared/commands.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { bringInBase } from '../worktree/bring-in-base.js';
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

/**
 * Bring in base (task/bringInBase): merges the latest base into an idle task's branch and records
 * the `base.merged` event; conflicts go to the agent unless the person resolves them by hand.
 */
export async function bringInTaskBase(
  context: EngineContext,
  { taskId, base, byHand }: CommandInput<'task/bringInBase'>,
): Promise<CommandResult<'task/bringInBase'>> {
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
  const outcome = await bringInBase({ repoPath: entry.repo.path, worktree, branch: record.task.branch, base: target });
  if (outcome.kind === 'upToDate') return { task: record.task, outcome: 'upToDate', conflicts: [] };
  context.store.record(taskId, {
    type: 'base.merged',
    base: target,
    baseCommit: outcome.baseCommit,
    commit: outcome.commit,
    conflicts: outcome.conflicts,
    ...(await changesOf(record, outcome.commit)),
  });
  if (outcome.kind === 'conflicts' && !byHand)
    sendMessage(context, record, resolveConflictsPrompt(target, outcome.conflicts));
  return { task: record.task, outcome: outcome.kind, conflicts: outcome.conflicts };
}
