import { useState } from 'react';
import { formatClock } from '../../components/format.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { errorText } from '../../transport/client-error.js';

const clampLines = 14;
const clampChars = 1_500;

const deliveryNotes: Record<Exclude<ThreadItemOf<'user'>['delivery'], 'sent'>, { label: string; title: string }> = {
  queued: { label: 'Queued', title: 'The agent gets this message when its current turn ends.' },
  cancelled: { label: 'Cancelled', title: 'You took this message back before the agent saw it.' },
  dropped: { label: 'Not sent', title: 'The task stopped before this message’s turn; send it again to run it.' },
};

/**
 * The user's message; a long one (a pasted spec, a log) shows its start until opened. A queued one can be cancelled.
 * One Flotilla's checks sent back to the agent says so, and shows its first paragraph until opened (the output it
 * carries is in the verify step above). The prompt an automation started the task with names the automation; a
 * teammate's message (an agent team) says so, its first line naming the sender.
 */
export function UserMessage({ item, taskId }: { item: ThreadItemOf<'user'>; taskId: string }) {
  const key = `${taskId}/${item.id}`;
  const open = useStore((state) => state.expandedItems[key] === true);
  const toggle = useStore((state) => state.toggleItem);
  const lines = item.text.split('\n');
  const fromChecks = item.origin === 'verify';
  // The prompt an automation started the task with is the automation's words, not the person's.
  const automation = useStore((state) => {
    const task = state.tasks[taskId];
    return task?.automation && task.prompt.trim() === item.text.trim() ? task.automation.name : null;
  });
  const intro = fromChecks ? item.text.split('\n\n')[0]! : item.text;
  const long = fromChecks ? intro !== item.text : lines.length > clampLines || item.text.length > clampChars;
  const start = fromChecks ? intro : lines.slice(0, clampLines).join('\n').slice(0, clampChars);
  const shown = !long || open ? item.text : start;
  const note = item.delivery === 'sent' ? null : deliveryNotes[item.delivery];
  return (
    <div
      className={`message user-message delivery-${item.delivery}${fromChecks ? ' from-checks' : ''}`}
      data-testid="user-message"
      data-delivery={item.delivery}
      data-origin={item.origin}
    >
      <div className="message-author">
        <span data-testid="message-sender">
          {fromChecks
            ? 'Flotilla’s checks, to the agent'
            : item.origin === 'teammate'
              ? 'A teammate, to the agent'
              : automation
                ? `Automation ${automation}`
                : 'You'}
        </span>{' '}
        <time dateTime={item.at}>{formatClock(item.at)}</time>
        {note && (
          <span className="delivery-label" data-testid="message-delivery" title={note.title}>
            {note.label}
          </span>
        )}
        {item.delivery === 'queued' && <CancelMessage taskId={taskId} seq={item.seq} />}
      </div>
      <div className={`message-text${long && !open && !fromChecks ? ' clamped' : ''}`}>{shown}</div>
      {long && (
        <button type="button" className="button ghost small show-more" aria-expanded={open} onClick={() => toggle(key)}>
          {open ? 'Show less' : fromChecks ? 'Show what was sent' : `Show all (${lines.length.toLocaleString()} lines)`}
        </button>
      )}
    </div>
  );
}

function CancelMessage({ taskId, seq }: { taskId: string; seq: number }) {
  const cancelMessage = useStore((state) => state.cancelMessage);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await cancelMessage(taskId, seq);
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="button ghost small cancel-message"
        data-testid="cancel-message"
        aria-label="Cancel this queued message"
        disabled={busy}
        onClick={() => void cancel()}
      >
        {busy ? 'Cancelling…' : 'Cancel'}
      </button>
      <ErrorText error={error} />
    </>
  );
}
