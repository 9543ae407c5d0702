import { useEffect } from 'react';
import { useStore } from '../store/store.js';
import { sidebarRows, sidebarTaskIds } from '../views/sidebar/sidebar-rows.js';

/**
 * App-wide keys: Ctrl/⌘+N (or N outside a text field) opens the composer, Ctrl/⌘+1…9 open the
 * nth task in the sidebar. (Esc is handled by each dialog.)
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = useStore.getState();
      // Browsers keep Ctrl+N for a new window, so a plain N (outside text fields) opens the composer too.
      if (event.key === 'n' && !event.metaKey && !event.ctrlKey && !event.altKey && !isEditable(event.target) && !state.composerOpen && state.repos.length > 0) {
        event.preventDefault();
        state.openComposer();
        return;
      }
      if (!(event.metaKey || event.ctrlKey) || event.altKey || event.shiftKey) return;
      if (event.key === 'n' || event.key === 'N') {
        if (state.repos.length === 0) return;
        event.preventDefault();
        state.openComposer();
        return;
      }
      if (/^[1-9]$/.test(event.key)) {
        const ids = sidebarTaskIds(sidebarRows(state.repos, state.tasks, state.sidebarFilter, state.sidebarSearch));
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

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
