import { join } from 'node:path';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { settleTurn } from '../verify/settle-turn.js';
import { prepareWorktree } from './prepare-worktree.js';
import { runTurn } from './run-turn.js';
import type { JobWork } from './task-runner.js';
import type { TaskRecord } from './task-record.js';
import { traced } from '../trace/trace.js';

/**
 * A task's job: create its worktree if it has none, then run its pending messages as turns,
 * one at a time, until none are left or the task is stopped.
 */
export async function runJob(context: EngineContext, record: TaskRecord, work: JobWork): Promise<void> {
  const { signal } = work;
  if (!record.task.hasWorktree) {
    const ready = await traced('prepare worktree', 'phase', () => prepare(context, record, work), {
      taskId: record.task.id,
    });
    if (!ready) return;
  }
  try {
    while (!signal.aborted) {
      const message = work.next();
      if (!message) break;
      const taskId = record.task.id;
      const end = await traced('turn', 'phase', () => runTurn(context, record, message.text, signal), { taskId });
      // Verify (when the tip moved) before the final status, so a task never shows done before its checks.
      await traced('settle turn (checks)', 'phase', () => settleTurn(context, record, end, signal), { taskId });
    }
  } finally {
    await context.agents.get(record.task.agent)?.endTask?.(record.task.id);
  }
  if (signal.aborted && !context.runner.interruptedByShutdown(record.task.id) && record.task.status !== 'stopped')
    context.store.setStatus(record.task.id, 'stopped');
}

async function prepare(context: EngineContext, record: TaskRecord, work: JobWork): Promise<boolean> {
  const { signal } = work;
  const taskId = record.task.id;
  const entry = context.config.repos.get(record.task.repoId);
  if (!entry) {
    context.store.setStatus(taskId, 'failed', 'Its repository was removed from Flotilla. Add it again to continue.');
    return false;
  }
  context.store.setStatus(taskId, 'preparing');
  try {
    await prepareWorktree({
      repoPath: entry.repo.path,
      commonDir: entry.commonDir,
      worktreesRoot: context.worktreesRoot,
      worktree: record.task.worktreePath,
      branch: record.task.branch,
      baseCommit: record.task.baseCommit,
      // A merged task whose worktree was removed goes on from its branch, which keeps all its work.
      existingBranch: record.task.mergedCommit !== null,
      settings: entry.repo.settings,
      claim: () => context.pool.claim(record.task.repoId, record.task.baseCommit),
      signal,
      onPhase: (phase, state, durationMs, detail) =>
        context.store.record(taskId, { type: 'phase.changed', phase, state, durationMs, detail }),
      onOutput: (phase, text) => context.store.record(taskId, { type: 'phase.output', phase, text }),
    });
    return true;
  } catch (error) {
    work.drop();
    if (signal.aborted && context.runner.interruptedByShutdown(taskId)) {
      // Picked up again from its unanswered messages when the engine next starts.
      context.store.setStatus(
        taskId,
        'queued',
        'The engine stopped while the worktree was being created; it will start again.',
      );
      return false;
    }
    if (signal.aborted) {
      context.store.setStatus(
        taskId,
        'stopped',
        'Stopped while its worktree was being created; nothing was left behind.',
      );
      return false;
    }
    const data = toErrorData(error);
    context.store.record(taskId, { type: 'error', code: data.code, message: data.message });
    context.store.setStatus(taskId, 'failed', `Creating the worktree failed and was rolled back: ${data.message}`);
    return false;
  }
}

/** The folder a task's worktree lives in: FLOTILLA_HOME/worktrees/<repo>/<task>. */
export function worktreePathFor(worktreesRoot: string, repoFolder: string, taskId: string): string {
  return join(worktreesRoot, repoFolder, taskId);
}
