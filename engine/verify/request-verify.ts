import type { CommandResult } from '../../shared/commands.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { guardTask } from '../tasks/task-guard.js';
import { runVerify } from './run-verify.js';
import { stoppedVerifyStatus } from './verify-messages.js';
import { verifyPlanFor } from './verify-settings.js';

/**
 * Runs a task's checks now (task/verify): checkpoints its loose work, runs the verify command on that tip and returns
 * the result. Refused while the agent works, and when no verify command is set, saying what to do. A failure here
 * sends nothing back to the agent.
 */
export async function verifyTaskNow(context: EngineContext, taskId: string): Promise<CommandResult<'task/verify'>> {
  let command = '';
  const { record, entry } = await guardTask(context, taskId, {
    action: 'run its checks',
    worktree: 'review',
    idle: true,
    checkpoint: (task) => {
      const plan = verifyPlanFor(task, context.config.repos.get(task.repoId)?.repo.settings);
      if (plan.command === null) {
        throw new EngineError(
          'noVerifyCommand',
          task.verifyCommand === ''
            ? `Task ${task.id} was started with no verify command, so there is nothing to run. Start a new task with one, or review its changes yourself.`
            : `Task ${task.id} has no verify command: its repository has none set. Set one in the repository's settings (verifyCommand; repo/suggestVerify lists what the repository suggests), then run the checks again.`,
        );
      }
      command = plan.command;
      return 'flotilla: checkpoint before verify';
    },
  });
  const plan = verifyPlanFor(record.task, entry.repo.settings);
  const result = await context.runner.runExclusive(taskId, (signal) =>
    runVerify(context, record, {
      command,
      timeoutMs: plan.timeoutMs,
      trigger: 'request',
      retry: 0,
      retries: plan.retries,
      signal,
      willRetry: () => false,
    }),
  );
  if (result.outcome === 'stopped' && record.task.status !== 'merged') {
    const status = context.runner.shuttingDown ? 'interrupted' : 'stopped';
    context.store.setStatus(taskId, status, stoppedVerifyStatus(result, status));
  }
  return { task: record.task, result };
}
