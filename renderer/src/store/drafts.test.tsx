// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { FollowUpBox } from '../views/thread/follow-up-box.js';
import { draftOf, pruneDrafts, readDrafts, saveDraft } from './drafts.js';
import { keepDrafts } from './keep-drafts.js';
import { useStore } from './store.js';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const anchor = { path: 'src/a.ts', side: 'new' as const, line: 3, quote: 'const a = 1;' };

describe('unsent drafts', () => {
  it('keeps a follow-up typed in one task while another is visited, and after a reload; sending clears it', async () => {
    const client = scriptedClient({
      'task/send': ({ taskId }) => ({ task: sampleTask({ id: taskId, status: 'running' }) }),
    });
    loadStore(
      client,
      [sampleRepo()],
      [sampleTask({ id: 'a', status: 'done' }), sampleTask({ id: 'b', status: 'done' })],
    );
    const { rerender, unmount } = render(<FollowUpBox key="a" taskId="a" />);
    fireEvent.change(screen.getByLabelText('Follow-up message'), { target: { value: 'Also update the docs' } });
    rerender(<FollowUpBox key="b" taskId="b" />);
    expect((screen.getByLabelText('Follow-up message') as HTMLTextAreaElement).value).toBe('');
    rerender(<FollowUpBox key="a" taskId="a" />);
    expect((screen.getByLabelText('Follow-up message') as HTMLTextAreaElement).value).toBe('Also update the docs');
    // A reload starts from storage alone.
    unmount();
    render(<FollowUpBox taskId="a" />);
    const box = screen.getByLabelText('Follow-up message') as HTMLTextAreaElement;
    expect(box.value).toBe('Also update the docs');

    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(box.value).toBe(''));
    expect(client.calls.find((call) => call.method === 'task/send')?.params).toEqual({
      taskId: 'a',
      text: 'Also update the docs',
    });
    expect(draftOf('a')).toBeUndefined();
  });

  it('brings back unsent line comments and the open comment box after a reload, and forgets them once sent', async () => {
    const client = scriptedClient({ 'task/send': () => ({ task: sampleTask({ id: 't1', status: 'running' }) }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', status: 'done' })]);
    const stop = keepDrafts(useStore);
    try {
      const state = useStore.getState();
      state.addComment('t1', anchor, 'Use a constant here');
      state.openCommentDraft('t1', { ...anchor, line: 7 });
      state.setCommentDraftText('t1', 'Half-written thought');

      // A reload: a fresh store state, then the review of the task opens again.
      act(() => useStore.setState({ reviews: {} }));
      act(() => useStore.getState().selectDiffFile('t1', null));
      const review = useStore.getState().reviews.t1;
      expect(review?.comments.map((comment) => comment.text)).toEqual(['Use a constant here']);
      expect(review?.draft).toMatchObject({ line: 7, text: 'Half-written thought' });

      // A comment added after the reload gets an id of its own.
      const added = useStore.getState().addComment('t1', { ...anchor, line: 9 }, 'And here');
      expect(new Set(useStore.getState().reviews.t1?.comments.map((comment) => comment.id)).size).toBe(2);
      expect(added).toBeTruthy();

      useStore.getState().cancelCommentDraft('t1');
      await act(() => useStore.getState().requestChanges('t1'));
      expect(draftOf('t1')).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('drops the drafts of tasks discarded, merged or gone, and of any untouched for a month', () => {
    const now = Date.UTC(2025, 5, 1);
    saveDraft('kept', { followUp: 'keep me' }, now);
    saveDraft('discarded', { followUp: 'x' }, now);
    saveDraft('merged', { followUp: 'x' }, now);
    saveDraft('gone', { followUp: 'x' }, now);
    saveDraft('stale', { followUp: 'x' }, now - 31 * 24 * 60 * 60 * 1000);
    pruneDrafts(
      {
        kept: { status: 'done' },
        discarded: { status: 'discarded' },
        merged: { status: 'merged' },
        stale: { status: 'running' },
      },
      now,
    );
    expect(Object.keys(readDrafts())).toEqual(['kept']);
    localStorage.setItem('flotilla.drafts', '{ not json');
    expect(readDrafts()).toEqual({});
  });
});
