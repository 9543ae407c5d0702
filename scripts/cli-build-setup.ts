import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Vitest's and Playwright's global set-up: tests spawn `cli/bin.mjs`, so bundle the CLI from the sources on disk once, before any test. */
export default function buildCli(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
