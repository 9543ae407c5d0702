import { useEffect, type RefObject } from 'react';
import { anyDialogOpen } from '../../components/dialog-stack.js';
import { isEditable, shortcut } from '../../hooks/shortcut-table.js';
import { useStore } from '../../store/store.js';

/** The key that focuses the sidebar search from anywhere outside a text field. */
export const searchShortcut = '/';

/**
 * The sidebar's search box: narrows the list to tasks whose title, prompt, branch or id hold every
 * word typed. "/" focuses it; Esc clears it (and leaves it when already empty).
 */
export function SidebarSearch({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const search = useStore((state) => state.sidebarSearch);
  const setSearch = useStore((state) => state.setSidebarSearch);
  useSearchShortcut(inputRef);
  return (
    <div className="sidebar-search">
      <input
        ref={inputRef}
        type="search"
        className="input small"
        aria-label="Search tasks"
        aria-keyshortcuts={searchShortcut}
        data-testid="sidebar-search"
        placeholder="Search tasks"
        title={`Search tasks by title, prompt, branch or id (${searchShortcut})`}
        spellCheck={false}
        autoComplete="off"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          if (search !== '') setSearch('');
          else event.currentTarget.blur();
        }}
      />
      {search === '' && (
        <kbd className="search-shortcut" aria-hidden="true">
          {searchShortcut}
        </kbd>
      )}
    </div>
  );
}

/** The hint shown when a search matches no task, with a way out. */
export function NoMatchHint({ search, onClear }: { search: string; onClear(): void }) {
  return (
    <p className="sidebar-no-match hint" data-testid="sidebar-no-match" role="status">
      <span className="sidebar-no-match-text" title={`No tasks match “${search.trim()}”.`}>
        No tasks match “{search.trim()}”.
      </span>
      <button type="button" className="button ghost small" data-testid="sidebar-clear-search" onClick={onClear}>
        Clear search
      </button>
    </p>
  );
}

function useSearchShortcut(inputRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Typing "/" into a field must stay typing (the table's matcher checks), and an open dialog keeps the keyboard to
      // itself.
      if (event.defaultPrevented || !shortcut('search').matches(event, isEditable(event.target)) || anyDialogOpen())
        return;
      const input = inputRef.current;
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [inputRef]);
}
