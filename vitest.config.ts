import { defineConfig } from 'vitest/config';

/** Vitest settings: engine tests use real git repos in temp dirs, so they get generous timeouts. */
export default defineConfig({
  test: {
    include: ['{shared,engine,cli,electron,testing,scripts,bench}/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    // Tests spawn cli/bin.mjs: bundle the CLI from the current sources first.
    globalSetup: ['scripts/cli-build-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Engines started by tests (and their child processes) default to the deterministic agent.
    // Tests never go through the proxy of the machine they run on (the proxy tests set their own).
    env: { FLOTILLA_DEFAULT_AGENT: 'scripted', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
    maxWorkers: 2,
  },
});
