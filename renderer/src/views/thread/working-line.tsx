import { isActive } from '../../../../shared/task.js';
import { taskStatusText } from '../../components/status-text.js';
import { useStore } from '../../store/store.js';

/** A live line under the thread while the task is active: what the agent is doing right now. */
export function WorkingLine({ taskId }: { taskId: string }) {
  const status = useStore((state) => state.tasks[taskId]?.status);
  const phase = useStore((state) => state.tasks[taskId]?.phase ?? null);
  const activity = useStore((state) => state.activity[taskId]);
  if (!status || !isActive(status)) return null;
  const text =
    status === 'queued'
      ? 'Queued: waiting for a free slot (see “Tasks at once” in Settings).'
      : status === 'awaitingApproval'
        ? 'Waiting for your approval above.'
        : status === 'preparing'
          ? `${taskStatusText({ status, phase })}…`
          : // Streamed text is already on screen; say only what else is happening.
            activity && !activity.startsWith('› ')
            ? activity
            : 'Working…';
  return (
    <div
      className={`working-line${status === 'awaitingApproval' ? ' attention' : ''}`}
      role="status"
      data-testid="working-line"
    >
      {status !== 'awaitingApproval' && <span className="spinner" aria-hidden="true" />}
      <span className="working-text">{text}</span>
    </div>
  );
}
