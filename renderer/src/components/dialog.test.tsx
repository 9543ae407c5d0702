// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { useStore } from '../store/store.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { ComposerDialog } from '../views/composer/composer-dialog.js';
import { Dialog } from './dialog.js';

afterEach(cleanup);

function Keys() {
  useShortcuts();
  return null;
}

/** A dialog whose Merge button goes away after a click, as after a refused merge. */
function Refusing({ onClose }: { onClose(): void }) {
  const [refused, setRefused] = useState(false);
  return (
    <Dialog look="review" title="Merge" onClose={onClose} testId="refusing">
      {refused ? <p role="alert">The target moved.</p> : null}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {!refused && (
        <button type="button" onClick={() => setRefused(true)}>
          Merge
        </button>
      )}
      <button type="button" disabled={refused}>
        Also merge
      </button>
    </Dialog>
  );
}

describe('the dialog', () => {
  it('focuses the field marked data-autofocus, else the first field, never the ✕', () => {
    loadStore(scriptedClient({ 'repo/branches': () => ({ current: 'main', branches: ['main'] }) }), [sampleRepo()]);
    render(<ComposerDialog />);
    expect(document.activeElement).toBe(screen.getByLabelText('Task prompt'));
    cleanup();

    render(
      <Dialog title="Plain" onClose={() => undefined}>
        <button type="button">A button</button>
        <input aria-label="A field" />
      </Dialog>,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('A field'));
    cleanup();
    render(
      <Dialog title="Buttons only" onClose={() => undefined}>
        <button type="button">Keep</button>
      </Dialog>,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep' }));
  });

  it('keeps focus inside when the focused control disappears or is disabled; Esc still closes it and N does nothing', async () => {
    loadStore(scriptedClient({}), [sampleRepo()]);
    const onClose = vi.fn();
    render(
      <>
        <Keys />
        <button type="button">Behind the dialog</button>
        <Refusing onClose={onClose} />
      </>,
    );
    const merge = screen.getByRole('button', { name: 'Merge' });
    merge.focus();
    fireEvent.click(merge);
    // The dialog notices the change once the DOM settles (a mutation observer).
    await act(() => Promise.resolve());
    const dialog = screen.getByTestId('refusing');
    expect(dialog.contains(document.activeElement)).toBe(true);

    // Focus moved to the page anyway (a click behind, a browser quirk) comes back to the dialog.
    act(() => screen.getByRole('button', { name: 'Behind the dialog' }).focus());
    expect(dialog.contains(document.activeElement)).toBe(true);

    fireEvent.keyDown(document.body, { key: 'n' });
    fireEvent.keyDown(document.body, { key: 'n', ctrlKey: true });
    expect(useStore.getState().composerOpen).toBe(false);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes only the top dialog on Esc', () => {
    const outer = vi.fn();
    const inner = vi.fn();
    render(
      <>
        <Dialog title="Outer" onClose={outer}>
          <input aria-label="Outer field" />
        </Dialog>
        <Dialog title="Inner" onClose={inner}>
          <input aria-label="Inner field" />
        </Dialog>
      </>,
    );
    fireEvent.keyDown(screen.getByLabelText('Inner field'), { key: 'Escape' });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
