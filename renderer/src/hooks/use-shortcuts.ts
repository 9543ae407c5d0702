import { useEffect } from 'react';
import { useStore } from '../store/store.js';
import { sidebarRows, sidebarTaskIds } from '../views/sidebar/sidebar-rows.js';

/**
 * App-wide keys: Ctrl/⌘+N opens the composer, Ctrl/⌘+1…9 open the nth task in the sidebar.
 * (Esc is handled by each dialog.)
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.metaKey || event.ctrlKey) || event.altKey || event.shiftKey) return;
      const state = useStore.getState();
      if (event.key === 'n' || event.key === 'N') {
        if (state.repos.length === 0) return;
        event.preventDefault();
        state.openComposer();
        return;
      }
      if (/^[1-9]$/.test(event.key)) {
        const ids = sidebarTaskIds(sidebarRows(state.repos, state.tasks, state.sidebarFilter));
        const id = ids[Number(event.key) - 1];
        if (!id) return;
        event.preventDefault();
        state.closeComposer();
        state.selectTask(id);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
