import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/dialog.js';
import { shortcut } from '../../hooks/shortcut-table.js';
import { useStore, type RootState } from '../../store/store.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';
import { filterItems, taskItems, type PaletteItem } from './palette-items.js';

interface Action extends PaletteItem {
  run(state: RootState): void;
}

function keysOf(id: Parameters<typeof shortcut>[0]): string {
  return shortcut(id).keys(shortcutModifier()).join(' or ');
}

/** The palette's actions, as they apply now. */
function paletteActions(state: RootState): Action[] {
  const action = (
    id: string,
    label: string,
    run: (state: RootState) => void,
    detail = '',
    disabled = false,
  ): Action => ({ id: `action:${id}`, kind: 'action', label, detail, haystack: [label], run, disabled });
  return [
    action(
      'new-task',
      'New task',
      (s) => s.openComposer(),
      state.repos.length === 0 ? 'Add a repository first' : keysOf('newTask'),
      state.repos.length === 0,
    ),
    action('overview', 'Go to the overview', (s) => s.showView('overview')),
    action('settings', 'Open Settings', (s) => s.showView('settings')),
    action('inbox', 'Open the inbox', (s) => s.showView('inbox')),
    action('automations', 'Open automations', (s) => s.showAutomations()),
    action(
      'new-automation',
      'New automation',
      (s) => s.showAutomations({ kind: 'new' }),
      state.repos.length === 0 ? 'Add a repository first' : '',
      state.repos.length === 0,
    ),
    action('add-repo', 'Add a repository', (s) => {
      if (s.sidebarHidden) s.toggleSidebar();
      s.setAddingRepo(true);
    }),
    action(
      'sidebar',
      state.sidebarHidden ? 'Show the sidebar' : 'Hide the sidebar',
      (s) => s.toggleSidebar(),
      keysOf('toggleSidebar'),
    ),
    action('file-tree', state.fileTreeHidden ? 'Show the review’s file tree' : 'Hide the review’s file tree', (s) =>
      s.toggleFileTree(),
    ),
    action(
      'archived',
      state.sidebarFilter === 'archived' ? 'Show all tasks in the sidebar' : 'Show archived tasks in the sidebar',
      (s) => s.setSidebarFilter(s.sidebarFilter === 'archived' ? 'all' : 'archived'),
    ),
    action(
      'theme-system',
      'Theme: follow the system',
      (s) => s.setTheme('system'),
      state.theme === 'system' ? 'current' : '',
    ),
    action('theme-light', 'Theme: light', (s) => s.setTheme('light'), state.theme === 'light' ? 'current' : ''),
    action('theme-dark', 'Theme: dark', (s) => s.setTheme('dark'), state.theme === 'dark' ? 'current' : ''),
    action('shortcuts', 'Keyboard shortcuts', (s) => s.openOverlay('shortcuts'), keysOf('help')),
    ...hostActions(state, action),
  ];
}

/** Switching to Local or a remote host, and All hosts, where the transport can switch. */
function hostActions(
  state: RootState,
  action: (id: string, label: string, run: (state: RootState) => void, detail?: string) => Action,
): Action[] {
  if (!state.openHostClient) return [];
  const current = (name: string | null) => (state.activeHost === name ? 'current' : '');
  return [
    ...(state.hosts.length > 0
      ? [
          action('host:', 'Switch to host: Local', (s) => s.switchHost(null), current(null)),
          ...state.hosts.map((host) =>
            action(
              `host:${host.name}`,
              `Switch to host: ${host.name}`,
              (s) => s.switchHost(host.name),
              current(host.name),
            ),
          ),
        ]
      : []),
    action('hosts', 'Open All hosts (add a host)', (s) => s.showView('hosts')),
  ];
}

/**
 * The command palette (Ctrl/⌘+K): actions and tasks in one list, narrowed as you type (title,
 * repository, branch or id for tasks). ↑/↓ move, Enter runs, Esc closes.
 */
export function CommandPalette() {
  const closeOverlay = useStore((state) => state.closeOverlay);
  const tasks = useStore((state) => state.tasks);
  const repos = useStore((state) => state.repos);
  // Read once when opened: the actions' labels follow the state they were opened in.
  const [actions] = useState(() => paletteActions(useStore.getState()));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const items = useMemo(
    () => [...filterItems(actions, query), ...filterItems(taskItems(tasks, repos), query)],
    [actions, tasks, repos, query],
  );
  const current = Math.min(active, Math.max(0, items.length - 1));

  const run = (item: PaletteItem | undefined) => {
    if (!item || item.disabled) return;
    const state = useStore.getState();
    state.closeOverlay();
    if (item.kind === 'task') state.selectTask(item.id.slice('task:'.length));
    else (item as Action).run(state);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + 8,
      PageUp: current - 8,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(items.length - 1, moves[event.key] as number)));
      document
        .getElementById(`${listId}-${Math.max(0, Math.min(items.length - 1, moves[event.key] as number))}`)
        ?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(items[current]);
    }
  };

  return (
    <Dialog title="Command palette" onClose={closeOverlay} testId="command-palette" className="palette">
      <input
        className="input"
        data-autofocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={items.length > 0 ? `${listId}-${current}` : undefined}
        aria-label="Search actions and tasks"
        placeholder="Type an action, or a task’s title, repository, branch or id"
        data-testid="palette-input"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" role="listbox" id={listId} aria-label="Actions and tasks">
        {items.map((item, index) => (
          <li
            key={item.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            aria-disabled={item.disabled || undefined}
            className={`palette-item${index === current ? ' active' : ''}${item.disabled ? ' disabled' : ''}`}
            data-testid="palette-item"
            data-kind={item.kind}
            onMouseMove={() => index !== current && setActive(index)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(item)}
          >
            <span className="palette-label">{item.label}</span>
            {item.detail && <span className="palette-detail">{item.detail}</span>}
          </li>
        ))}
        {items.length === 0 && (
          <li className="palette-empty hint" role="presentation">
            Nothing matches “{query.trim()}”.
          </li>
        )}
      </ul>
    </Dialog>
  );
}
