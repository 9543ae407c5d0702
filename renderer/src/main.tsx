import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Bridge } from '../../shared/bridge.js';
import { App } from './app.js';
import { useStore } from './store/store.js';
import { pickClient } from './transport/pick-client.js';
import { NoAccess } from './views/no-access.js';
import './styles/app.css';
import './review/review.css';

// In development Vite serves the page and proxies this path to the engine (see vite.config.ts).
const wsPath = import.meta.env.DEV ? '/engine-ws' : '/';

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
  useStore.getState().connect(picked.client);
  root.render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
} else {
  root.render(<NoAccess reason="noToken" />);
}
