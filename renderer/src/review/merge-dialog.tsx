import { useEffect, useId, useState } from 'react';
import type { MergePreview } from '../../../shared/diff.js';
import { defaultMergeMessage } from '../../../shared/merge-message.js';
import type { Task } from '../../../shared/task.js';
import { unverifiedWhy } from '../../../shared/verify.js';
import { useStore } from '../store/store.js';
import { InlineCode } from '../components/inline-code.js';
import { Dialog } from '../components/dialog.js';
import type { MergeMode } from './merge-actions.js';
import { AgentResolving, bringInBaseNote, PreviewSummary, ResolveByHand } from './bring-in-base-views.js';
import { checkoutBlocks, CheckoutNote } from './merge-checkout.js';
import { checksBlock, MergeChecksNote, UnverifiedChoices } from './merge-checks.js';
import { mergedFollowUpHint } from './merged-banner.js';
import { OtherAttempts } from './other-attempts.js';
import { selectReviewTask, type BringInBaseState, type MergeFlow } from './review-state.js';

const idleFlow: MergeFlow = { step: 'idle' };
const idleBringIn: BringInBaseState = { status: 'idle' };

/**
 * The commit message a merge starts with: the engine's suggestion from the preview (a subject from
 * the prompt, what changed, the agent's summary), or, from an engine that sends none, the same
 * function's message without the change summary.
 */
export function initialMergeMessage(taskId: string, task: Task | null, preview: MergePreview | null): string {
  if (preview?.suggestedMessage) return preview.suggestedMessage;
  if (!task) return `Flotilla task ${taskId}`;
  return defaultMergeMessage({
    taskId,
    prompt: task.prompt,
    branch: task.branch,
    agent: task.agent,
    model: task.model,
    changes: null,
    finalMessage: null,
  });
}

/** Props of the merge dialog. */
export interface MergeDialogProps {
  taskId: string;
  onClose(): void;
}

/**
 * The merge dialog: previews the merge on open, shows whether it is clean or which files conflict,
 * lets the user pick squash or merge commit and edit the message, then merges against exactly the
 * previewed target tip. A target that moved since fails with the engine's message and "Preview again".
 * On conflicts it offers to bring the target into the task branch first, for the agent or the user
 * to resolve; files still holding conflict markers keep Merge disabled. It shows the task's checks for the tip being
 * merged; a merge the engine refuses for them offers Run checks, or Merge anyway after a confirmation.
 */
export function MergeDialog({ taskId, onClose }: MergeDialogProps) {
  const flow = useStore((state) => state.reviews[taskId]?.merge ?? idleFlow);
  const task = useStore(selectReviewTask(taskId));
  const previewMerge = useStore((state) => state.previewMerge);
  const mergeTask = useStore((state) => state.mergeTask);
  const bringInBase = useStore((state) => state.bringInBase);
  const bringIn = useStore((state) => state.reviews[taskId]?.bringInBase ?? idleBringIn);
  const resetMerge = useStore((state) => state.resetMerge);
  const [mode, setMode] = useState<MergeMode>('squash');
  // Null until the user edits it: until then the message follows the latest preview's suggestion.
  const [edited, setMessage] = useState<string | null>(null);
  const removeByDefault = useStore((state) => state.engineSettings?.removeWorktreeAfterMerge ?? true);
  const [removeWorktree, setRemoveWorktree] = useState(removeByDefault);
  const messageId = useId();

  useEffect(() => {
    void previewMerge(taskId);
  }, [taskId, previewMerge]);

  const close = () => {
    resetMerge(taskId);
    onClose();
  };
  const into = 'preview' in flow ? flow.preview.into : (task?.baseBranch ?? undefined);
  const previewAgain = () => void previewMerge(taskId, into);
  const previewAgainButton = (
    <button type="button" onClick={previewAgain} aria-label="Preview the merge again" data-testid="merge-preview-again">
      Preview again
    </button>
  );

  if (flow.step === 'merged') {
    return (
      <Dialog look="review" title="Merged" onClose={close} testId="merge-dialog">
        <p role="status" data-testid="merge-result">
          Merged into <strong>{flow.into}</strong> as <code>{flow.commit.slice(0, 10)}</code>.
        </p>
        {flow.removedWorktree && (
          <p data-testid="merge-worktree-removed">
            Its worktree <code className="fl-review-path">{flow.removedWorktree}</code> was removed; the branch{' '}
            {task ? <code>{task.branch}</code> : 'of the task'} keeps the work. {mergedFollowUpHint(false)}
          </p>
        )}
        <OtherAttempts taskId={taskId} />
        <div className="fl-review-dialog-actions">
          <button type="button" onClick={close} data-autofocus aria-label="Close the merge dialog">
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  const title = `Merge ${task?.title ?? taskId}`;
  const worktreePath = task?.worktreePath || null;
  const resolving = bringIn.status === 'done' && bringIn.outcome === 'conflicts' ? bringIn : null;
  if (resolving && !resolving.byHand) {
    return (
      <Dialog look="review" title={title} onClose={close} testId="merge-dialog">
        <AgentResolving conflicts={resolving.conflicts} onClose={close} />
      </Dialog>
    );
  }

  const preview = 'preview' in flow ? flow.preview : null;
  const message = edited ?? initialMergeMessage(taskId, task, preview);
  const mergeable = preview !== null && preview.clean && preview.unresolved.length === 0 && !resolving;
  const refusedForChecks = flow.step === 'mergeFailed' && flow.error.code === 'unverified';
  const canMerge =
    mergeable &&
    !refusedForChecks &&
    !checkoutBlocks(preview) &&
    message.trim().length > 0 &&
    (flow.step === 'ready' || (flow.step === 'mergeFailed' && !flow.previewAgain));
  const note = bringInBaseNote(bringIn);
  return (
    <Dialog look="review" title={title} onClose={close} testId="merge-dialog">
      {note && (
        <p role="status" data-testid="bring-in-base-note">
          {note}
        </p>
      )}
      {resolving ? (
        <ResolveByHand
          base={resolving.base ?? into ?? 'the base branch'}
          conflicts={resolving.conflicts}
          worktreePath={worktreePath}
          onPreviewAgain={previewAgain}
        />
      ) : (
        (flow.step === 'idle' || flow.step === 'previewing') && <p role="status">Checking how the task merges…</p>
      )}
      {flow.step === 'previewFailed' && (
        <div role="alert" className="fl-review-error">
          <p>{flow.error.message}</p>
          {previewAgainButton}
        </div>
      )}
      {preview && !resolving && (
        <PreviewSummary
          preview={preview}
          branch={task?.branch ?? null}
          worktreePath={worktreePath}
          bringIn={bringIn}
          onPreviewAgain={previewAgain}
          onBringInBase={(byHand) => void bringInBase(taskId, { byHand })}
          heldByChecks={refusedForChecks || checksBlock(preview.checks)}
        />
      )}
      {preview?.checks && mergeable && <MergeChecksNote checks={preview.checks} refused={refusedForChecks} />}
      {preview && mergeable && <CheckoutNote preview={preview} onPreviewAgain={previewAgain} />}
      {bringIn.status === 'failed' && (
        <div role="alert" className="fl-review-error" data-testid="bring-in-base-error">
          <p>{bringIn.error.message}</p>
        </div>
      )}
      {mergeable && (
        <>
          <fieldset className="fl-review-merge-mode">
            <legend>How to merge</legend>
            <label>
              <input
                type="radio"
                name={`${messageId}-mode`}
                value="squash"
                checked={mode === 'squash'}
                onChange={() => setMode('squash')}
                data-testid="merge-mode-squash"
              />
              Squash into one commit
            </label>
            <label>
              <input
                type="radio"
                name={`${messageId}-mode`}
                value="merge"
                checked={mode === 'merge'}
                onChange={() => setMode('merge')}
                data-testid="merge-mode-merge"
              />
              Merge commit (keeps the task&apos;s commits)
            </label>
          </fieldset>
          <label htmlFor={messageId} className="fl-review-label">
            Commit message
          </label>
          <textarea
            id={messageId}
            className="fl-review-message"
            rows={5}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-label="Commit message"
            data-testid="merge-message"
          />
          <label className="fl-review-check">
            <input
              type="checkbox"
              checked={removeWorktree}
              onChange={(event) => setRemoveWorktree(event.target.checked)}
              data-testid="merge-remove-worktree"
            />
            Remove the worktree afterwards (the branch is kept; ignored files such as build output go with it)
          </label>
        </>
      )}
      {flow.step === 'mergeFailed' && (
        <div role="alert" className="fl-review-error" data-testid="merge-error">
          <p>
            <InlineCode
              text={refusedForChecks && preview?.checks ? windowRefusal(preview.checks) : flow.error.message}
            />
          </p>
          {flow.previewAgain && previewAgainButton}
        </div>
      )}
      {refusedForChecks && (
        <UnverifiedChoices
          taskId={taskId}
          onChecked={previewAgain}
          onMergeAnyway={() => void mergeTask(taskId, { mode, message, removeWorktree, forceUnverified: true })}
        />
      )}
      <div className="fl-review-dialog-actions">
        <button type="button" onClick={close} aria-label="Cancel the merge">
          Cancel
        </button>
        <button
          type="button"
          className="fl-review-primary"
          disabled={!canMerge}
          onClick={() => void mergeTask(taskId, { mode, message, removeWorktree })}
          aria-label={`Merge into ${into ?? 'the base branch'}`}
          data-testid="merge-confirm"
        >
          {flow.step === 'merging' ? 'Merging…' : 'Merge'}
        </button>
      </div>
    </Dialog>
  );
}

/** The engine's refusal for checks in the window's words: the buttons below do what its CLI advice says. */
function windowRefusal(checks: NonNullable<MergePreview['checks']>): string {
  return `${unverifiedWhy(checks.state, checks.result)} Run the checks, or merge anyway.`;
}
