import type { CommandResult } from '../../shared/commands.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { pushBranch } from '../worktree/push.js';
import { guardTask } from './task-guard.js';

/** Pushes an idle task's branch (checkpointing first). */
export async function pushTask(
  context: EngineContext,
  { taskId, remote }: CommandInput<'task/push'>,
): Promise<CommandResult<'task/push'>> {
  const { record, entry } = await guardTask(context, taskId, {
    action: 'push',
    worktree: 'review',
    idle: true,
    checkpoint: 'flotilla: checkpoint before push',
  });
  const pushed = await pushBranch({
    repoPath: entry.repo.path,
    branch: record.task.branch,
    baseBranch: record.task.baseBranch,
    ...(remote ? { remote } : {}),
  });
  context.store.record(taskId, { type: 'pushed', pushed });
  return { task: record.task, pushed };
}
