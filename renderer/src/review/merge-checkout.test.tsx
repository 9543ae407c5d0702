// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.js';
import { ReviewPanel } from './review-panel.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makePreview,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';

afterEach(() => {
  cleanup();
  useStore.setState({ reviews: {}, client: null });
});

async function openMergeDialog(handlers: FakeHandlers) {
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+a'])]) }),
    'task/get': () => ({ task: makeTask() }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByTestId('merge-preview');
  return { client, dialog };
}

describe('the merge dialog, before Merge is pressed', () => {
  it("says up front that the user's checkout has uncommitted files the merge would overwrite, keeps Merge off, and clears after a new preview", async () => {
    const previews = [
      makePreview({ checkout: { path: '/home/ada/shop', blocking: ['src/a.ts', 'README.md'] } }),
      makePreview({ checkout: { path: '/home/ada/shop', blocking: [] } }),
    ];
    const { client, dialog } = await openMergeDialog({ 'task/mergePreview': () => ({ preview: previews.shift()! }) });
    const note = within(dialog).getByTestId('merge-checkout');
    expect(note.textContent).toContain(
      'Your checkout of main at /home/ada/shop has uncommitted changes to 2 files this merge changes',
    );
    expect(within(note).getByRole('list', { name: 'Uncommitted files in your checkout' }).textContent).toBe(
      'src/a.tsREADME.md',
    );
    expect(note.textContent).toContain(
      'Git will not overwrite them, so the merge would stop and main would stay where it is. Commit or stash them',
    );
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', true);

    await act(async () => fireEvent.click(within(note).getByRole('button', { name: 'Preview the merge again' })));
    expect(within(dialog).getByTestId('merge-checkout').textContent).toBe(
      'Your checkout of main at /home/ada/shop is fast-forwarded to the merge; uncommitted edits there to other files stay as they are.',
    );
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', false);
    expect(client.calls.filter((call) => call.method === 'task/mergePreview')).toHaveLength(2);
  });

  it("starts from the engine's suggested message, and keeps the user's edit over a later preview", async () => {
    const suggested =
      'Add a greeting\n\n1 file changed: 1 line added, 0 removed:\n- src/a.ts\n\nMerged from Flotilla task task-1 (branch flotilla/greeting-task-1; agent scripted).';
    const { dialog } = await openMergeDialog({
      'task/mergePreview': () => ({ preview: makePreview({ suggestedMessage: suggested }) }),
    });
    const message = within(dialog).getByTestId('merge-message') as HTMLTextAreaElement;
    expect(message.value).toBe(suggested);
    fireEvent.change(message, { target: { value: 'My subject' } });
    // A later preview (after bringing in the base, say) does not overwrite what the user wrote.
    await act(() => useStore.getState().previewMerge('task-1'));
    expect((within(dialog).getByTestId('merge-message') as HTMLTextAreaElement).value).toBe('My subject');
  });
});
