import type { TaskStatus } from '../../../shared/task.js';
import type { Slice } from './slice.js';

/** What the main area shows. */
export type MainView = 'overview' | 'task' | 'settings' | 'compare' | 'automations' | 'inbox' | 'queue' | 'hosts';
/**
 * The sidebar's status filter: every task, the active ones, the ones ready for review, the finished ones that changed
 * nothing, one status, or the archived ones.
 */
export type SidebarFilter = 'all' | 'active' | 'review' | 'noChanges' | 'archived' | TaskStatus;
/** The colour theme: following the OS, or chosen. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** A task's tabs: its thread, the review of its changes, its terminals. */
export type TaskTab = 'thread' | 'review' | 'terminal';

const themeKey = 'flotilla.theme';
const sidebarKey = 'flotilla.sidebarHidden';
const fileTreeKey = 'flotilla.fileTreeHidden';

/** The app's own overlays: the command palette and the shortcut sheet (one at a time). */
export type Overlay = 'palette' | 'shortcuts';

/** A task title being edited in the sidebar, as typed so far. */
export interface RenameDraft {
  taskId: string;
  text: string;
}

/** Where the user is: the view, the selected task, the open dialog, the filter and search, the theme. */
export interface UiSlice {
  view: MainView;
  selectedTaskId: string | null;
  composerOpen: boolean;
  /** The repository the composer starts with, when opened from one. */
  composerRepoId: string | null;
  /** Whether the sidebar's "Add repository" form is open. */
  addingRepo: boolean;
  sidebarFilter: SidebarFilter;
  /** The sidebar's search text, as typed; blank shows every task the filter lets through. */
  sidebarSearch: string;
  theme: ThemeChoice;
  /** Thread items (tool calls, phases) the user expanded, by `taskId/itemId`; survives virtual scrolling. */
  expandedItems: Record<string, true>;
  /** Which tab of a task the user is on. */
  taskTab: TaskTab;
  /** The command palette or shortcut sheet, when open. */
  overlay: Overlay | null;
  /** Whether the user hid the sidebar (remembered). */
  sidebarHidden: boolean;
  /** Whether the user hid the review's file tree (remembered). */
  fileTreeHidden: boolean;
  /** Set when the user chose a split diff while the diff area was narrow: it then stays split. */
  splitWhenNarrow: boolean;
  /**
   * The title being edited in the sidebar. Kept here, not in the row, so what was typed survives the row leaving the
   * windowed list (scrolled away, or pushed down by newer tasks) and coming back.
   */
  renameDraft: RenameDraft | null;
  /** The task whose delete dialog is open from the sidebar (held here for the same reason). */
  discardingTaskId: string | null;
  /** Opens a task's thread in the main area. */
  selectTask(taskId: string): void;
  showView(view: Exclude<MainView, 'task' | 'compare'>): void;
  openComposer(repoId?: string): void;
  closeComposer(): void;
  setAddingRepo(adding: boolean): void;
  setSidebarFilter(filter: SidebarFilter): void;
  setSidebarSearch(search: string): void;
  setTheme(theme: ThemeChoice): void;
  toggleItem(key: string): void;
  setTaskTab(tab: TaskTab): void;
  openOverlay(overlay: Overlay): void;
  closeOverlay(): void;
  toggleSidebar(): void;
  toggleFileTree(): void;
  setSplitWhenNarrow(split: boolean): void;
  /** Starts editing a task's title in the sidebar, from `title`. */
  startRename(taskId: string, title: string): void;
  setRenameText(text: string): void;
  endRename(): void;
  /** Opens (a task id) or closes (null) the sidebar's delete dialog. */
  setDiscardingTask(taskId: string | null): void;
}

/** Creates the ui slice; the theme choice survives reloads. */
export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  view: 'overview',
  selectedTaskId: null,
  composerOpen: false,
  composerRepoId: null,
  addingRepo: false,
  sidebarFilter: 'all',
  sidebarSearch: '',
  theme: readTheme(),
  expandedItems: {},
  taskTab: 'thread',
  overlay: null,
  sidebarHidden: readFlag(sidebarKey),
  fileTreeHidden: readFlag(fileTreeKey),
  splitWhenNarrow: false,
  renameDraft: null,
  discardingTaskId: null,
  selectTask(taskId) {
    set({ view: 'task', selectedTaskId: taskId });
    void get().openThread(taskId);
  },
  showView(view) {
    set({ view });
  },
  openComposer(repoId) {
    set({ composerOpen: true, composerRepoId: repoId ?? null });
  },
  closeComposer() {
    set({ composerOpen: false });
  },
  setAddingRepo(addingRepo) {
    set({ addingRepo });
  },
  setSidebarFilter(sidebarFilter) {
    set({ sidebarFilter });
  },
  setSidebarSearch(sidebarSearch) {
    set({ sidebarSearch });
  },
  toggleItem(key) {
    set((state) => {
      const expandedItems = { ...state.expandedItems };
      if (expandedItems[key]) delete expandedItems[key];
      else expandedItems[key] = true;
      return { expandedItems };
    });
  },
  setTaskTab(taskTab) {
    set({ taskTab });
  },
  openOverlay(overlay) {
    set({ overlay });
  },
  closeOverlay() {
    set({ overlay: null });
  },
  toggleSidebar() {
    const sidebarHidden = !get().sidebarHidden;
    remember(sidebarKey, String(sidebarHidden));
    set({ sidebarHidden });
  },
  toggleFileTree() {
    const fileTreeHidden = !get().fileTreeHidden;
    remember(fileTreeKey, String(fileTreeHidden));
    set({ fileTreeHidden });
  },
  setSplitWhenNarrow(splitWhenNarrow) {
    set({ splitWhenNarrow });
  },
  startRename(taskId, title) {
    set({ renameDraft: { taskId, text: title } });
  },
  setRenameText(text) {
    set(({ renameDraft }) => (renameDraft ? { renameDraft: { ...renameDraft, text } } : {}));
  },
  endRename() {
    set({ renameDraft: null });
  },
  setDiscardingTask(discardingTaskId) {
    set({ discardingTaskId });
  },
  setTheme(theme) {
    remember(themeKey, theme);
    set({ theme });
  },
});

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage can be off (private mode); the choice then lasts for this page only.
  }
}

function readFlag(key: string): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

function readTheme(): ThemeChoice {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(themeKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}
