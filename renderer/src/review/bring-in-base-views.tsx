import { useEffect, useRef } from 'react';
import type { MergePreview } from '../../../shared/diff.js';
import type { BringInBaseState } from './review-state.js';

function FileList({ files, label }: { files: readonly string[]; label: string }) {
  return (
    <ul aria-label={label}>
      {files.map((path) => (
        <li key={path}>
          <code>{path}</code>
        </li>
      ))}
    </ul>
  );
}

function PreviewAgainButton({ onPreviewAgain, autoFocus = false }: { onPreviewAgain(): void; autoFocus?: boolean }) {
  const button = useRef<HTMLButtonElement>(null);
  // This view replaces the button the user just clicked, so focus would otherwise fall out of the dialog.
  useEffect(() => {
    if (autoFocus) button.current?.focus();
  }, [autoFocus]);
  return (
    <button
      ref={button}
      type="button"
      onClick={onPreviewAgain}
      aria-label="Preview the merge again"
      data-testid="merge-preview-again"
    >
      Preview again
    </button>
  );
}

function WorktreePath({ path }: { path: string | null }) {
  if (!path) return <>the task&apos;s worktree</>;
  return (
    <>
      the task&apos;s worktree,{' '}
      <code className="fl-review-path" data-testid="bring-in-base-worktree">
        {path}
      </code>
    </>
  );
}

/** Props of the merge preview summary. */
export interface PreviewSummaryProps {
  preview: MergePreview;
  branch: string | null;
  worktreePath: string | null;
  bringIn: BringInBaseState;
  onPreviewAgain(): void;
  onBringInBase(byHand: boolean): void;
  /** The repository's checks hold the merge back: a clean preview then says "no conflicts", not "merges cleanly". */
  heldByChecks?: boolean;
}

/**
 * What the preview says: a clean merge; a clean merge blocked by files still holding conflict
 * markers; or conflicts, with the two ways to bring the target into the task branch to resolve them.
 */
export function PreviewSummary({
  preview,
  branch,
  worktreePath,
  bringIn,
  onPreviewAgain,
  onBringInBase,
  heldByChecks = false,
}: PreviewSummaryProps) {
  if (preview.clean && preview.unresolved.length === 0) {
    const files = `${preview.filesChanged} file${preview.filesChanged === 1 ? '' : 's'}`;
    if (heldByChecks)
      return (
        <p data-testid="merge-preview">
          No conflicts with <strong>{preview.into}</strong> ({files} changed).
        </p>
      );
    return (
      <p data-testid="merge-preview">
        Merges cleanly into <strong>{preview.into}</strong> ({files} changed).
      </p>
    );
  }
  if (preview.clean) {
    return (
      <div data-testid="merge-preview" className="fl-review-conflicts">
        <p>
          {preview.unresolved.length === 1
            ? 'This file still holds'
            : `These ${preview.unresolved.length} files still hold`}{' '}
          conflict markers (&lt;&lt;&lt;&lt;&lt;&lt;&lt; … &gt;&gt;&gt;&gt;&gt;&gt;&gt;) from bringing in{' '}
          <strong>{preview.into}</strong>, so nothing can be merged yet:
        </p>
        <FileList files={preview.unresolved} label="Files with conflict markers" />
        <p>
          Resolve them in <WorktreePath path={worktreePath} /> (or ask the agent to), then preview again.
        </p>
        <PreviewAgainButton onPreviewAgain={onPreviewAgain} />
      </div>
    );
  }
  const busy = bringIn.status === 'busy';
  const label = (text: string, byHand: boolean) =>
    busy && bringIn.byHand === byHand ? `Bringing in ${preview.into}…` : text;
  return (
    <div data-testid="merge-preview" className="fl-review-conflicts">
      <p>
        Merging into <strong>{preview.into}</strong> would conflict in{' '}
        {preview.conflicts.length === 1 ? 'this file' : `these ${preview.conflicts.length} files`}:
      </p>
      <FileList files={preview.conflicts} label="Conflicting files" />
      <p>
        Bring <strong>{preview.into}</strong> into {branch ? <code>{branch}</code> : 'the task branch'} first: the
        conflicting files are committed on the task branch with conflict markers, and nothing is merged into{' '}
        <strong>{preview.into}</strong> until they are resolved.
      </p>
      <div className="fl-review-base-actions">
        <button
          type="button"
          className="fl-review-primary"
          disabled={busy}
          onClick={() => onBringInBase(false)}
          data-testid="bring-in-base-agent"
        >
          {label(`Bring in ${preview.into} and let the agent resolve`, false)}
        </button>
        <button type="button" disabled={busy} onClick={() => onBringInBase(true)} data-testid="bring-in-base-by-hand">
          {label(`Bring in ${preview.into}, I'll resolve`, true)}
        </button>
        <PreviewAgainButton onPreviewAgain={onPreviewAgain} />
      </div>
    </div>
  );
}

/** Props of the view shown once the target was brought in with conflicts for the user to resolve. */
export interface ResolveByHandProps {
  base: string;
  conflicts: readonly string[];
  worktreePath: string | null;
  onPreviewAgain(): void;
}

/** After "I'll resolve": which files hold conflict markers, and where the worktree is to resolve them. */
export function ResolveByHand({ base, conflicts, worktreePath, onPreviewAgain }: ResolveByHandProps) {
  return (
    <div data-testid="bring-in-base-by-hand-result" className="fl-review-conflicts">
      <p role="status">
        Brought <strong>{base}</strong> into the task branch.{' '}
        {conflicts.length === 1 ? 'This file holds' : `These ${conflicts.length} files hold`} conflict markers
        (&lt;&lt;&lt;&lt;&lt;&lt;&lt; … &gt;&gt;&gt;&gt;&gt;&gt;&gt;):
      </p>
      <FileList files={conflicts} label="Files with conflict markers" />
      <p>
        Resolve them in <WorktreePath path={worktreePath} />, then preview again.
      </p>
      <PreviewAgainButton onPreviewAgain={onPreviewAgain} autoFocus />
    </div>
  );
}

/** Props of the view shown while the agent resolves the conflicts. */
export interface AgentResolvingProps {
  conflicts: readonly string[];
  onClose(): void;
}

/** After "let the agent resolve": the agent is on it; merge once its turn is done. */
export function AgentResolving({ conflicts, onClose }: AgentResolvingProps) {
  const close = useRef<HTMLButtonElement>(null);
  // This view replaces the button the user just clicked, so focus would otherwise fall out of the dialog.
  useEffect(() => close.current?.focus(), []);
  return (
    <>
      <p role="status" data-testid="bring-in-base-status">
        The agent is resolving the conflicts in{' '}
        {conflicts.map((path, index) => (
          <span key={path}>
            {index > 0 && ', '}
            <code>{path}</code>
          </span>
        ))}
        ; merge once it is done.
      </p>
      <div className="fl-review-dialog-actions">
        <button ref={close} type="button" onClick={onClose} aria-label="Close the merge dialog">
          Close
        </button>
      </div>
    </>
  );
}

/** A one-line note after the target came in without conflicts (or was already in). */
export function bringInBaseNote(state: BringInBaseState): string | null {
  if (state.status !== 'done' || state.outcome === 'conflicts') return null;
  const base = state.base ?? 'the base branch';
  return state.outcome === 'upToDate'
    ? `The task branch already has everything in ${base}.`
    : `Brought ${base} into the task branch without conflicts.`;
}
