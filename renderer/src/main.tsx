import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Bridge } from '../../shared/bridge.js';
import { App } from './app.js';
import { followDesktop } from './desktop-hooks.js';
import { notifyInBrowser } from './notify/browser-notifier.js';
import { currentClientEvents } from './hosts/client-events.js';
import { rememberedHost } from './hosts/host-choice.js';
import { keepDrafts } from './store/keep-drafts.js';
import { useStore } from './store/store.js';
import { pickClient } from './transport/pick-client.js';
import { NoAccess } from './views/no-access.js';
import './styles/app.css';
import './review/review.css';

// In development Vite serves the page and proxies this path to the engine (see vite.config.ts).
const wsPath = import.meta.env.DEV ? '/engine-ws' : '/';

/** What `window.__flotillaStats` tells: how many events the store received, in all and per task. */
interface EventStats {
  events: number;
  byTask: Record<string, number>;
}

/**
 * Counts the event batches the store receives and exposes a read-only copy as
 * `window.__flotillaStats`, so the UI benchmark can check that no event was lost on the way.
 */
function exposeEventStats(subscribe: (listener: (events: readonly { taskId: string }[]) => void) => void): void {
  const stats: EventStats = { events: 0, byTask: {} };
  subscribe((events) => {
    stats.events += events.length;
    for (const event of events) stats.byTask[event.taskId] = (stats.byTask[event.taskId] ?? 0) + 1;
  });
  Object.defineProperty(window, '__flotillaStats', {
    get: (): EventStats => ({ events: stats.events, byTask: { ...stats.byTask } }),
  });
}

function Root() {
  const connection = useStore((state) => state.connection);
  if (connection === 'unauthorized') return <NoAccess reason="unauthorized" />;
  return <App />;
}

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element.');
const root = createRoot(element);
const picked = pickClient(window as Window & { flotilla?: Bridge }, wsPath);
if (picked.client) {
  keepDrafts(useStore);
  if (picked.openHost) useStore.getState().enableHosts(picked.openHost, rememberedHost());
  useStore.getState().connect(picked.client);
  // A switch to another host replaces the client: these follow the one in use.
  exposeEventStats(currentClientEvents(useStore));
  followDesktop();
  if (picked.kind === 'websocket') notifyInBrowser(useStore, currentClientEvents(useStore), window);
  root.render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
} else {
  root.render(<NoAccess reason="noToken" />);
}
