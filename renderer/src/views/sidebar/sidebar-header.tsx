import { activeStatuses } from '../../../../shared/task.js';
import { PaneIcon } from '../../components/icons.js';
import { unreadCount } from '../../store/automations-slice.js';
import { useStore } from '../../store/store.js';
import type { MainView } from '../../store/ui-slice.js';
import type { ConnectionState } from '../../transport/engine-client.js';

const connectionText: Record<ConnectionState, string> = {
  open: 'Connected to the engine',
  connecting: 'Connecting to the engine…',
  closed: 'Disconnected from the engine',
  unauthorized: 'The engine refused this page’s token',
};

/** The top of the sidebar: name, connection, and the navigation (new task, overview, inbox, automations, settings). */
export function SidebarHeader() {
  const connection = useStore((state) => state.connection);
  const active = useStore(
    (state) => Object.values(state.tasks).filter((task) => activeStatuses.includes(task.status)).length,
  );
  const openComposer = useStore((state) => state.openComposer);
  const hasRepos = useStore((state) => state.repos.length > 0);
  const toggleSidebar = useStore((state) => state.toggleSidebar);
  const unread = useStore((state) => unreadCount(state.automationRuns));
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
        <NavItem view="overview" label="Overview" count={active} countLabel={`${active} active`} />
        <NavItem view="inbox" label="Inbox" count={unread} countLabel={`${unread} unread`} strong />
        <NavItem view="automations" label="Automations" />
        <NavItem view="queue" label="Merge queue" />
        <NavItem view="settings" label="Settings" />
      </div>
    </div>
  );
}

/** One entry of the sidebar's navigation, with a count when there is something to count. */
function NavItem({
  view,
  label,
  count = 0,
  countLabel,
  strong = false,
}: {
  view: Exclude<MainView, 'task' | 'compare'>;
  label: string;
  count?: number;
  countLabel?: string;
  /** A count that asks for attention (unread), drawn stronger. */
  strong?: boolean;
}) {
  const current = useStore((state) => state.view === view);
  const showView = useStore((state) => state.showView);
  return (
    <button
      type="button"
      className={`nav-item${current ? ' selected' : ''}`}
      data-testid={`nav-${view}`}
      aria-current={current ? 'page' : undefined}
      onClick={() => showView(view)}
    >
      {label}
      {count > 0 && (
        <span className={`count${strong ? ' strong' : ''}`} aria-label={countLabel} data-testid={`nav-${view}-count`}>
          {count}
        </span>
      )}
    </button>
  );
}

/** "⌘" on Apple machines, "Ctrl+" elsewhere. */
export function shortcutModifier(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
}
