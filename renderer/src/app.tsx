import { useShortcuts } from './hooks/use-shortcuts.js';
import { useTheme } from './hooks/use-theme.js';
import { useStore } from './store/store.js';
import { ComposerDialog } from './views/composer/composer-dialog.js';
import { ConnectionBanner } from './views/connection-banner.js';
import { Overview } from './views/overview/overview.js';
import { SettingsView } from './views/settings/settings-view.js';
import { Sidebar } from './views/sidebar/sidebar.js';
import { ThreadView } from './views/thread/thread-view.js';
import { Welcome } from './views/welcome/welcome.js';

/** The whole window: sidebar, the main view, the composer dialog, and the connection banner. */
export function App() {
  useShortcuts();
  useTheme();
  const composerOpen = useStore((state) => state.composerOpen);
  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <ConnectionBanner />
        <MainView />
      </main>
      {composerOpen && <ComposerDialog />}
    </div>
  );
}

function MainView() {
  const view = useStore((state) => state.view);
  const selectedTaskId = useStore((state) => state.selectedTaskId);
  const firstRun = useStore((state) => state.reposLoaded && state.repos.length === 0);
  const loaded = useStore((state) => state.reposLoaded);
  if (view === 'settings') return <SettingsView />;
  if (view === 'task' && selectedTaskId) return <ThreadView key={selectedTaskId} taskId={selectedTaskId} />;
  if (!loaded) return <div className="empty-state">Loading…</div>;
  if (firstRun) return <Welcome />;
  return <Overview />;
}
