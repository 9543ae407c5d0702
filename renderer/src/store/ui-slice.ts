import type { TaskStatus } from '../../../shared/task.js';
import type { Slice } from './slice.js';

/** What the main area shows. */
export type MainView = 'overview' | 'task' | 'settings';
/** The sidebar's status filter: every task, the active ones, the ones ready for review, the finished ones that changed nothing, or one status. */
export type SidebarFilter = 'all' | 'active' | 'review' | 'noChanges' | TaskStatus;
/** The colour theme: following the OS, or chosen. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const themeKey = 'flotilla.theme';

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
  taskTab: 'thread' | 'review';
  /** Opens a task's thread in the main area. */
  selectTask(taskId: string): void;
  showView(view: Exclude<MainView, 'task'>): void;
  openComposer(repoId?: string): void;
  closeComposer(): void;
  setAddingRepo(adding: boolean): void;
  setSidebarFilter(filter: SidebarFilter): void;
  setSidebarSearch(search: string): void;
  setTheme(theme: ThemeChoice): void;
  toggleItem(key: string): void;
  setTaskTab(tab: 'thread' | 'review'): void;
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
  setTheme(theme) {
    try {
      localStorage.setItem(themeKey, theme);
    } catch {
      // Storage can be off (private mode); the choice then lasts for this page only.
    }
    set({ theme });
  },
});

function readTheme(): ThemeChoice {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(themeKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}
