import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Vite runs this file in Node: its own folder is the renderer's root, wherever the build starts from.
const root = import.meta.dirname;

/**
 * In development only: Vite injects styles and its hot-reload socket, which the strict CSP of
 * index.html forbids; relax it for the dev server, never for the build.
 */
function devCsp(): Plugin {
  return {
    name: 'flotilla-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http:");
    },
  };
}

/**
 * The renderer's build: `renderer/` is the root, the output goes to `renderer/dist` (served by
 * `flotilla serve` and loaded by Electron from disk, hence relative asset paths). In development,
 * set FLOTILLA_ENGINE_URL to a served engine (`flotilla serve` prints it) and open the dev page with
 * `?token=`; the page's socket at /engine-ws is proxied there.
 */
export default defineConfig(() => {
  const engine = process.env.FLOTILLA_ENGINE_URL ?? 'http://127.0.0.1:7777';
  return {
    root,
    base: './',
    plugins: [react(), devCsp()],
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1000 },
    server: {
      proxy: {
        '/engine-ws': {
          target: engine,
          ws: true,
          rewrite: (path) => path.replace(/^\/engine-ws\/?/, '/'),
          // The engine only accepts sockets from its own page's origin.
          headers: { origin: new URL(engine).origin },
          configure: (proxy) =>
            proxy.on('proxyReqWs', (request) => request.setHeader('origin', new URL(engine).origin)),
        },
      },
    },
  };
});
