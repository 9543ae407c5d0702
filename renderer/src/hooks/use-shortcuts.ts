import { useEffect } from 'react';
import { anyDialogOpen } from '../components/dialog-stack.js';
import { useStore, type RootState } from '../store/store.js';
import { sidebarRows, sidebarTaskIds } from '../views/sidebar/sidebar-rows.js';
import { appShortcutFor, isEditable, type AppShortcutId, type KeyPress } from './shortcut-table.js';

/** The tasks in sidebar order, with its filter and search applied. */
export function sidebarOrder(state: RootState): string[] {
  return sidebarTaskIds(sidebarRows(state.repos, state.tasks, state.sidebarFilter, state.sidebarSearch));
}

/** Opens the task `step` rows below (or above) the one on screen, or the first when none is. */
function moveSelection(state: RootState, step: 1 | -1): boolean {
  const ids = sidebarOrder(state);
  if (ids.length === 0) return false;
  const current = state.view === 'task' && state.selectedTaskId ? ids.indexOf(state.selectedTaskId) : -1;
  const next = current < 0 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, current + step));
  const id = ids[next];
  if (!id || (id === state.selectedTaskId && state.view === 'task')) return true;
  state.selectTask(id);
  return true;
}

/** What each app-wide shortcut does; false when it does not apply now (the key then does what it would). */
const actions: Record<AppShortcutId, (state: RootState, press: KeyPress) => boolean> = {
  newTask(state) {
    if (state.repos.length === 0) return false;
    state.openComposer();
    return true;
  },
  palette(state) {
    state.openOverlay('palette');
    return true;
  },
  help(state) {
    state.openOverlay('shortcuts');
    return true;
  },
  nextTask: (state) => moveSelection(state, 1),
  previousTask: (state) => moveSelection(state, -1),
  openNth(state, press) {
    const id = sidebarOrder(state)[Number(press.key) - 1];
    if (!id) return false;
    state.selectTask(id);
    return true;
  },
  toggleSidebar(state) {
    state.toggleSidebar();
    return true;
  },
};

/**
 * Runs the app-wide shortcuts of the shortcut table (shortcut-table.ts): new task, palette, help,
 * j/k, Ctrl/⌘+1…9, hide the sidebar. Plain keys never fire in a text field, and nothing fires while
 * a modal dialog is open, so dialogs never stack by accident. (Esc is handled by each dialog.)
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || anyDialogOpen()) return;
      const found = appShortcutFor(event, isEditable(event.target));
      if (!found) return;
      if (actions[found.id](useStore.getState(), event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
