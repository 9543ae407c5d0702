import { memo, useCallback, useMemo, type ReactNode } from 'react';
import {
  Decoration,
  Diff,
  getChangeKey,
  Hunk,
  type DiffType,
  type GutterOptions,
  type HunkData,
} from 'react-diff-view';
import type { DiffFile } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { CommentThread, requestCommentFocus } from './comment-thread.js';
import { anchorOf } from './diff-model.js';
import type { CommentDraft, DiffViewMode, ReviewComment } from './review-state.js';
import { useIdleTokens } from './use-idle-tokens.js';

/** Props of one slice of a file's lines. */
export interface DiffChunkProps {
  taskId: string;
  file: DiffFile;
  diffType: DiffType;
  hunks: HunkData[];
  viewMode: DiffViewMode;
  /** This file's comments. */
  comments: readonly ReviewComment[];
  /** The open comment box, when it is on this file. */
  draft: CommentDraft | null;
}

/**
 * A slice of a file's diff drawn with react-diff-view: each line number is a button that opens a
 * comment box, comments sit under their line, and syntax tokens arrive after the first paint.
 */
export const DiffChunk = memo(function DiffChunk({
  taskId,
  file,
  diffType,
  hunks,
  viewMode,
  comments,
  draft,
}: DiffChunkProps) {
  const openDraft = useStore((state) => state.openCommentDraft);
  const tokens = useIdleTokens(hunks, file.path);
  const keys = useMemo(() => changeKeys(hunks), [hunks]);

  const widgets = useMemo(() => {
    const byKey = new Map<string, ReviewComment[]>();
    for (const comment of comments) {
      const key = keys.get(`${comment.side}:${comment.line}`);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), comment]);
    }
    const draftKey = draft ? keys.get(`${draft.side}:${draft.line}`) : undefined;
    const result: Record<string, ReactNode> = {};
    for (const key of new Set([...byKey.keys(), ...(draftKey ? [draftKey] : [])])) {
      result[key] = (
        <CommentThread taskId={taskId} comments={byKey.get(key) ?? []} draft={key === draftKey ? draft : null} />
      );
    }
    return result;
  }, [comments, draft, keys, taskId]);

  const renderGutter = useCallback(
    ({ change, side, renderDefault }: GutterOptions): ReactNode => {
      const number = renderDefault();
      const anchor = anchorOf(change);
      if (number === undefined || anchor.side !== side) return number;
      const label = `Comment on ${file.path} ${side === 'old' ? 'removed line' : 'line'} ${anchor.line}`;
      return (
        <button
          type="button"
          className="fl-review-line-button"
          onClick={() => {
            requestCommentFocus();
            openDraft(taskId, { path: file.path, ...anchor, quote: change.content });
          }}
          aria-label={label}
          data-testid="diff-line"
          data-path={file.path}
          data-side={side}
          data-line={anchor.line}
        >
          {number}
        </button>
      );
    },
    [file.path, openDraft, taskId],
  );

  return (
    <Diff
      viewType={viewMode}
      diffType={diffType}
      hunks={hunks}
      tokens={tokens}
      widgets={widgets}
      renderGutter={renderGutter}
      className="fl-review-diff"
    >
      {(shown) =>
        shown.flatMap((hunk, index) => [
          ...(hunk.content
            ? [
                <Decoration key={`header-${index}`} className="fl-review-hunk-header">
                  {hunk.content}
                </Decoration>,
              ]
            : []),
          <Hunk key={`hunk-${index}`} hunk={hunk} />,
        ])
      }
    </Diff>
  );
});

/** Maps `side:line` (as comments point) to react-diff-view's change key. */
function changeKeys(hunks: readonly HunkData[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const change of hunks.flatMap((hunk) => hunk.changes)) {
    const { side, line } = anchorOf(change);
    keys.set(`${side}:${line}`, getChangeKey(change));
  }
  return keys;
}
