import { activeStatuses } from '../../../../shared/task.js';
import { PaneIcon } from '../../components/icons.js';
import { useStore } from '../../store/store.js';
import type { ConnectionState } from '../../transport/engine-client.js';

const connectionText: Record<ConnectionState, string> = {
  open: 'Connected to the engine',
  connecting: 'Connecting to the engine…',
  closed: 'Disconnected from the engine',
  unauthorized: 'The engine refused this page’s token',
};

/** The top of the sidebar: name, connection, and the main navigation (new task, overview, settings). */
export function SidebarHeader() {
  const connection = useStore((state) => state.connection);
  const view = useStore((state) => state.view);
  const active = useStore(
    (state) => Object.values(state.tasks).filter((task) => activeStatuses.includes(task.status)).length,
  );
  const openComposer = useStore((state) => state.openComposer);
  const showView = useStore((state) => state.showView);
  const hasRepos = useStore((state) => state.repos.length > 0);
  const toggleSidebar = useStore((state) => state.toggleSidebar);
  return (
    <div className="sidebar-header">
      <div className="brand">
        <span className="brand-name">Flotilla</span>
        <span
          className={`connection-dot ${connection}`}
          role="status"
          aria-label={connectionText[connection]}
          title={connectionText[connection]}
          data-testid="connection-state"
          data-state={connection}
        />
        <button
          type="button"
          className="icon-button sidebar-toggle"
          aria-label="Hide the sidebar"
          title={`Hide the sidebar (${shortcutModifier()}B)`}
          data-testid="sidebar-hide"
          onClick={toggleSidebar}
        >
          <PaneIcon />
        </button>
      </div>
      <button
        type="button"
        className="button primary full"
        data-testid="new-task-button"
        disabled={!hasRepos}
        onClick={() => openComposer()}
        title={hasRepos ? 'New task (Ctrl/⌘+N)' : 'Add a repository first'}
      >
        New task <kbd>{shortcutModifier()}N</kbd>
      </button>
      <div className="nav" role="group" aria-label="Views">
        <button
          type="button"
          className={`nav-item${view === 'overview' ? ' selected' : ''}`}
          data-testid="nav-overview"
          aria-current={view === 'overview' ? 'page' : undefined}
          onClick={() => showView('overview')}
        >
          Overview{active > 0 && <span className="count">{active}</span>}
        </button>
        <button
          type="button"
          className={`nav-item${view === 'settings' ? ' selected' : ''}`}
          data-testid="nav-settings"
          aria-current={view === 'settings' ? 'page' : undefined}
          onClick={() => showView('settings')}
        >
          Settings
        </button>
      </div>
    </div>
  );
}

/** "⌘" on Apple machines, "Ctrl+" elsewhere. */
export function shortcutModifier(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
}
