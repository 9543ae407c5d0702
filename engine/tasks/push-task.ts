import type { CommandResult } from '../../shared/commands.js';
import type { PushedBranch } from '../../shared/task.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { pushBranch } from '../worktree/push.js';
import { guardTask, type GuardedTask } from './task-guard.js';

/** Pushes an idle task's branch (checkpointing first). */
export async function pushTask(
  context: EngineContext,
  { taskId, remote }: CommandInput<'task/push'>,
): Promise<CommandResult<'task/push'>> {
  const { record, pushed } = await guardAndPush(context, taskId, remote, 'push');
  return { task: record.task, pushed };
}

/**
 * The push both Push and Create pull request do: the task is guarded (idle, a worktree, loose work checkpointed), its
 * branch pushed, and where it went recorded on the task.
 */
export async function guardAndPush(
  context: EngineContext,
  taskId: string,
  remote: string | undefined,
  action: string,
): Promise<GuardedTask & { pushed: PushedBranch }> {
  const guarded = await guardTask(context, taskId, {
    action,
    worktree: 'review',
    idle: true,
    checkpoint: 'flotilla: checkpoint before push',
  });
  const { record, entry } = guarded;
  const pushed = await pushBranch({
    repoPath: entry.repo.path,
    branch: record.task.branch,
    baseBranch: record.task.baseBranch,
    ...(remote ? { remote } : {}),
  });
  context.store.record(taskId, { type: 'pushed', pushed });
  return { ...guarded, pushed };
}
