import { join } from 'node:path';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { prepareWorktree } from './prepare-worktree.js';
import { runTurn } from './run-turn.js';
import type { PendingMessage, TaskRecord } from './task-record.js';

/**
 * A task's job: create its worktree if it has none, then run its pending messages as turns,
 * one at a time, until none are left or the task is stopped.
 */
export async function runJob(context: EngineContext, record: TaskRecord): Promise<void> {
  const controller = new AbortController();
  record.controller = controller;
  const taskId = record.task.id;
  try {
    if (!record.task.hasWorktree) {
      const ready = await prepare(context, record, controller.signal);
      if (!ready) return;
    }
    while (record.pending.length > 0 && !controller.signal.aborted) {
      const message = record.pending.shift() as PendingMessage;
      await runTurn(context, record, message.text, controller.signal);
    }
    if (controller.signal.aborted && !context.shuttingDown && record.task.status !== 'stopped') context.setStatus(taskId, 'stopped');
  } finally {
    record.controller = null;
  }
}

async function prepare(context: EngineContext, record: TaskRecord, signal: AbortSignal): Promise<boolean> {
  const taskId = record.task.id;
  const entry = context.repos.get(record.task.repoId);
  if (!entry) {
    context.setStatus(taskId, 'failed', 'Its repository was removed from Flotilla. Add it again to continue.');
    return false;
  }
  context.setStatus(taskId, 'preparing');
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
      signal,
      onPhase: (phase, state, durationMs, detail) => context.record(taskId, { type: 'phase.changed', phase, state, durationMs, detail }),
      onOutput: (phase, text) => context.record(taskId, { type: 'phase.output', phase, text }),
    });
    return true;
  } catch (error) {
    record.pending.length = 0;
    if (signal.aborted && context.shuttingDown) {
      // Picked up again from its unanswered messages when the engine next starts.
      context.setStatus(taskId, 'queued', 'The engine stopped while the worktree was being created; it will start again.');
      return false;
    }
    if (signal.aborted) {
      context.setStatus(taskId, 'stopped', 'Stopped while its worktree was being created; nothing was left behind.');
      return false;
    }
    const data = toErrorData(error);
    context.record(taskId, { type: 'error', code: data.code, message: data.message });
    context.setStatus(taskId, 'failed', `Creating the worktree failed and was rolled back: ${data.message}`);
    return false;
  }
}

/** The folder a task's worktree lives in: FLOTILLA_HOME/worktrees/<repo>/<task>. */
export function worktreePathFor(worktreesRoot: string, repoFolder: string, taskId: string): string {
  return join(worktreesRoot, repoFolder, taskId);
}
