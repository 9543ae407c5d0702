import { useState } from 'react';
import { ErrorText } from '../../components/error-text.js';
import { mergedFollowUpHint } from '../../review/merged-banner.js';
import { draftOf, saveDraft } from '../../store/drafts.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';
import { submitHandlers } from '../../components/submit-keys.js';

/**
 * The box under a thread for a follow-up message (Ctrl/⌘+Enter sends). On a merged task it says
 * that a follow-up brings the worktree back from the branch (as the review's banner does); closed
 * once discarded, saying to restore the task first. What is typed is kept per task until sent,
 * across task switches and reloads.
 */
export function FollowUpBox({ taskId }: { taskId: string }) {
  const status = useStore((state) => state.tasks[taskId]?.status);
  const hasWorktree = useStore((state) => state.tasks[taskId]?.hasWorktree);
  const mergedInto = useStore((state) => state.tasks[taskId]?.mergedInto ?? null);
  const sendMessage = useStore((state) => state.sendMessage);
  const [text, setText] = useState(() => draftOf(taskId)?.followUp ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const closed = status === 'discarded';
  const send = async () => {
    if (busy || text.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await sendMessage(taskId, text);
      setText('');
      saveDraft(taskId, { followUp: '' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const { onSubmit, onKeyDown } = submitHandlers(send);
  if (closed)
    return (
      <p className="hint follow-up-closed">
        This task is discarded; restore it (Review → Restore) to continue the work.
      </p>
    );
  return (
    <form className="follow-up" onSubmit={onSubmit}>
      {status === 'merged' && (
        <p className="hint follow-up-merged" data-testid="follow-up-merged">
          {`Merged${mergedInto ? ` into ${mergedInto}` : ''}. ${mergedFollowUpHint(hasWorktree ?? false)}`}
        </p>
      )}
      <textarea
        className="input"
        rows={2}
        aria-label="Follow-up message"
        data-testid="follow-up-input"
        placeholder={
          status === 'running' || status === 'awaitingApproval'
            ? 'Queue a follow-up for when this turn ends…'
            : status === 'merged'
              ? 'Ask for more changes on top of the merged work…'
              : 'Ask for changes or continue the task…'
        }
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          saveDraft(taskId, { followUp: event.target.value });
        }}
        onKeyDown={onKeyDown}
      />
      <button
        type="submit"
        className="button primary"
        data-testid="follow-up-send"
        disabled={busy || text.trim() === ''}
        title={`Send (${shortcutModifier()}Enter)`}
      >
        Send
      </button>
      <ErrorText error={error} testId="follow-up-error" />
    </form>
  );
}
