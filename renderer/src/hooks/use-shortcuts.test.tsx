// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { useShortcuts } from './use-shortcuts.js';

afterEach(cleanup);

function Keys() {
  useShortcuts();
  return null;
}

describe('app shortcuts', () => {
  it('Ctrl/⌘+number opens the nth task the sidebar shows, with its search applied', () => {
    loadStore(
      scriptedClient({}),
      [sampleRepo()],
      [
        sampleTask({ id: 'a', title: 'Fix the login form', createdAt: '2025-01-01T00:00:03.000Z' }),
        sampleTask({ id: 'b', title: 'Write the docs', createdAt: '2025-01-01T00:00:02.000Z' }),
        sampleTask({ id: 'c', title: 'Fix the docs links', createdAt: '2025-01-01T00:00:01.000Z' }),
      ],
    );
    render(<Keys />);
    fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(useStore.getState().selectedTaskId).toBe('b');
    useStore.getState().setSidebarSearch('docs');
    fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(useStore.getState().selectedTaskId).toBe('c');
    fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    expect(useStore.getState().selectedTaskId).toBe('c');
  });
});
