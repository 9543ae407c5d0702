import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { mergeTaskBranch } from '../tasks/merge-task.js';
import { checkpointTurn } from '../tasks/run-turn.js';
import { isWorking } from './list-subtasks.js';
import { requireLead, requireSubtaskOf } from './team-members.js';

/** A subtask merged into the lead's branch: the commit made there. */
export interface SubtaskMerge {
  commit: string;
  into: string;
}

/**
 * Merges a finished subtask into the lead's branch through the same merge-tree path as any merge (its checks count
 * the same way): the lead's loose work is checkpointed first, and its checked-out worktree is fast-forwarded to the
 * result. The subtask keeps its worktree, so the lead can send it more work. Conflicts come back as an error naming
 * the files and what to do.
 */
export async function mergeSubtask(context: EngineContext, leadId: string, subtaskId: string): Promise<SubtaskMerge> {
  const lead = requireLead(context, leadId, 'merge subtasks');
  const subtask = requireSubtaskOf(context, leadId, subtaskId).task;
  if (isWorking(context, subtask))
    throw new EngineError(
      'taskBusy',
      `Subtask ${subtaskId} is still ${subtask.status}; it can be merged once it finishes. Call wait_for_subtasks(["${subtaskId}"]) first.`,
    );
  if (subtask.status === 'discarded')
    throw new EngineError('taskDiscarded', `Subtask ${subtaskId} was discarded; there is nothing to merge.`);
  await checkpointTurn(context, lead, 'flotilla: checkpoint before merging a subtask');
  try {
    const result = await mergeTaskBranch(context, {
      taskId: subtaskId,
      into: lead.task.branch,
      mode: 'squash',
      removeWorktree: false,
    });
    return { commit: result.commit, into: result.into };
  } catch (error) {
    if (error instanceof EngineError && error.code === 'mergeConflict') {
      const files = Array.isArray(error.details?.files) ? (error.details.files as string[]) : [];
      throw new EngineError(
        'mergeConflict',
        `Merging subtask ${subtaskId} into your branch ${lead.task.branch} conflicts in: ${files.join(', ') || 'files git did not name'}. Nothing was merged. Ask the subtask to bring your branch in and resolve them (send_message), or make the change yourself.`,
        error.details,
      );
    }
    throw error;
  }
}
