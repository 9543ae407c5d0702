import buildCli from '../scripts/cli-build-setup.js';
import { ensureRendererBuilt } from '../scripts/renderer-build.js';

/** Playwright's global set-up: the specs drive the built renderer, so build it when missing or stale. */
export default function globalSetup(): void {
  ensureRendererBuilt();
  buildCli();
}
