import { PaneIcon } from './components/icons.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import { useTheme } from './hooks/use-theme.js';
import { useStore } from './store/store.js';
import { AutomationsView } from './views/automations/automations-view.js';
import { CompareMain } from './views/compare/compare-button.js';
import { ComposerDialog } from './views/composer/composer-dialog.js';
import { ConnectionBanner } from './views/connection-banner.js';
import { AllHostsView } from './views/hosts/all-hosts-view.js';
import { HostBanner } from './views/hosts/host-banner.js';
import { InboxView } from './views/inbox/inbox-view.js';
import { QueueView } from './views/queue/queue-view.js';
import { Overview } from './views/overview/overview.js';
import { CommandPalette } from './views/palette/command-palette.js';
import { ShortcutSheet } from './views/palette/shortcut-sheet.js';
import { SettingsView } from './views/settings/settings-view.js';
import { Sidebar } from './views/sidebar/sidebar.js';
import { shortcutModifier } from './views/sidebar/sidebar-header.js';
import { ThreadView } from './views/thread/thread-view.js';
import { Welcome } from './views/welcome/welcome.js';

/** The whole window: sidebar (or its rail when hidden), the main view, the dialogs, and the connection banner. */
export function App() {
  useShortcuts();
  useTheme();
  const composerOpen = useStore((state) => state.composerOpen);
  const overlay = useStore((state) => state.overlay);
  const sidebarHidden = useStore((state) => state.sidebarHidden);
  return (
    <div className={`app${sidebarHidden ? ' sidebar-hidden' : ''}`}>
      {sidebarHidden ? <SidebarRail /> : <Sidebar />}
      <main className="main">
        <ConnectionBanner />
        <HostBanner />
        <MainView />
      </main>
      {composerOpen && <ComposerDialog />}
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'shortcuts' && <ShortcutSheet />}
    </div>
  );
}

/** What stays of a hidden sidebar: the button that brings it back. */
function SidebarRail() {
  const toggleSidebar = useStore((state) => state.toggleSidebar);
  return (
    <div className="sidebar-rail">
      <button
        type="button"
        className="icon-button"
        aria-label="Show the sidebar"
        title={`Show the sidebar (${shortcutModifier()}B)`}
        data-testid="sidebar-show"
        onClick={toggleSidebar}
      >
        <PaneIcon />
      </button>
    </div>
  );
}

function MainView() {
  const view = useStore((state) => state.view);
  const selectedTaskId = useStore((state) => state.selectedTaskId);
  const firstRun = useStore((state) => state.reposLoaded && state.repos.length === 0);
  const loaded = useStore((state) => state.reposLoaded);
  if (view === 'settings') return <SettingsView />;
  if (view === 'compare') return <CompareMain />;
  if (view === 'automations') return <AutomationsView />;
  if (view === 'inbox') return <InboxView />;
  if (view === 'queue') return <QueueView />;
  if (view === 'hosts') return <AllHostsView />;
  if (view === 'task' && selectedTaskId) return <ThreadView key={selectedTaskId} taskId={selectedTaskId} />;
  if (!loaded) return <div className="empty-state">Loading…</div>;
  if (firstRun) return <Welcome />;
  return <Overview />;
}
