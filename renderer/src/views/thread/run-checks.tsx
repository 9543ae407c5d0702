import { useState } from 'react';
import { isActive, type Task } from '../../../../shared/task.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

/** The verify command a task runs: its own, else its repository's; null when there is none. */
export function verifyCommandFor(task: Pick<Task, 'verifyCommand'>, repoCommand: string | undefined): string | null {
  const command = (task.verifyCommand ?? repoCommand ?? '').trim();
  return command === '' ? null : command;
}

/** Why "Run checks" is off for a task, or null while it is on. */
export function runChecksDisabledReason(
  task: Pick<Task, 'verifyCommand' | 'status' | 'verifying'>,
  repo: { name: string; command: string | undefined },
): string | null {
  if (verifyCommandFor(task, repo.command) === null)
    return task.verifyCommand === ''
      ? 'This task was started with no checks, so there is nothing to run.'
      : `No verify command is set for ${repo.name}: set one in Settings → Repositories to run checks.`;
  if (task.verifying) return 'The checks are running.';
  if (task.status === 'discarded') return 'The task is discarded; restore it to run its checks.';
  if (isActive(task.status)) return 'The agent is working; its checks run when its turn ends.';
  return null;
}

/**
 * "Run checks": runs the task's verify command now (task/verify); off, with the reason, when it cannot. A failure to
 * run goes to `onError` when given (the holder shows it where it fits), else shows under the button.
 */
export function RunChecksButton({
  taskId,
  className = 'button ghost',
  onDone,
  onError,
}: {
  taskId: string;
  className?: string;
  onDone?(): void;
  onError?(message: string | null): void;
}) {
  const task = useStore((state) => state.tasks[taskId]);
  const repo = useStore((state) => state.repos.find((known) => known.id === task?.repoId));
  const verifyTask = useStore((state) => state.verifyTask);
  const [busy, setBusy] = useState(false);
  const [ownError, setOwnError] = useState<string | null>(null);
  const setError = onError ?? setOwnError;
  if (!task) return null;
  const reason = runChecksDisabledReason(task, {
    name: repo?.name ?? 'its repository',
    command: repo?.settings.verifyCommand,
  });
  const command = verifyCommandFor(task, repo?.settings.verifyCommand);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await verifyTask(taskId);
      onDone?.();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const running = busy || task.verifying;
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid="run-checks"
        disabled={running || reason !== null}
        title={reason ?? `Run \`${command}\` in the task's worktree now`}
        aria-describedby={reason && !running ? `run-checks-reason-${taskId}` : undefined}
        onClick={() => void run()}
      >
        {running ? 'Running checks…' : 'Run checks'}
      </button>
      {reason && !running && (
        <span className="visually-hidden" id={`run-checks-reason-${taskId}`}>
          {reason}
        </span>
      )}
      <ErrorText error={ownError} testId="run-checks-error" />
    </>
  );
}
