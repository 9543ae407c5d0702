import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { connectEngine, type RemoteEngine } from '../../engine/host/ws-client.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../../testing/model-server/server.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../../testing/engine/temp-repo.js';
import { startFlotilla, type FlotillaProcess } from '../../testing/flotilla-process.js';

/** What one spec file shares: a temp home, a scripted model server, a running `flotilla serve`, temp repos. */
export interface FlotillaContext {
  /** The temp folder holding the home and every repository made with `createRepo`. */
  readonly root: string;
  readonly home: string;
  readonly serve: FlotillaProcess;
  readonly model: ModelServer;
  /** A Node client of the served engine, for checks and set-up the user would not do in the UI. */
  api(): Promise<RemoteEngine>;
  /** Makes a real git repository (branch main, one commit) under `root`. */
  createRepo(name: string, files?: Record<string, string>): TempRepo;
  /** Makes an empty folder under `root` (not a repository). */
  createFolder(name: string): string;
  /** Opens the address `flotilla serve` printed and waits until the page is connected. */
  open(page: Page): Promise<void>;
}

/** Options for `useFlotilla`. */
export interface UseFlotillaOptions {
  /** Writes files into the home before the engine starts (generated threads, settings). */
  seedHome?(home: string, root: string): void | Promise<void>;
  /** Extra environment for `flotilla serve`. */
  env?: Record<string, string | undefined>;
  /** Options for the scripted model server (say, the only API keys it accepts). */
  modelServer?: ModelServerOptions;
}

/** The model name that makes the built-in agent call the scripted model server (as an OpenAI-compatible server). */
export const scriptedModel = 'compatible:e2e-scripted';

/**
 * Registers beforeAll/afterAll hooks that give the spec file its own Flotilla: a temp home, a
 * scripted model server, `flotilla serve` as a real process (default agent: scripted), and a
 * clean-up that stops every process and removes every temp folder, whatever happened.
 */
export function useFlotilla(options: UseFlotillaOptions = {}): FlotillaContext {
  let root: string | null = null;
  let serve: FlotillaProcess | null = null;
  let model: ModelServer | null = null;
  let client: Promise<RemoteEngine> | null = null;
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is not started: use the context inside tests, after beforeAll.`);
    return value;
  };

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    root = makeTempDir('flotilla-e2e-');
    const home = join(root, 'home');
    mkdirSync(home, { recursive: true });
    await options.seedHome?.(home, root);
    model = await startModelServer({ maxRequests: 10_000, ...options.modelServer });
    serve = await startFlotilla({
      home,
      env: {
        FLOTILLA_DEFAULT_AGENT: 'scripted',
        OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
        OPENAI_COMPATIBLE_API_KEY: 'e2e-key',
        // Never reach a real provider from a test, whatever the machine has set.
        ANTHROPIC_API_KEY: undefined,
        ANTHROPIC_BASE_URL: undefined,
        OPENAI_API_KEY: undefined,
        OPENAI_BASE_URL: undefined,
        ...options.env,
      },
    });
  });

  test.afterAll(async () => {
    const results = await Promise.allSettled([client?.then((api) => api.close()), serve?.stop(), model?.close()]);
    if (root) removeTemp(root);
    root = null;
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  });

  return {
    get root() {
      return need(root, 'The temp folder');
    },
    get home() {
      return join(need(root, 'The temp folder'), 'home');
    },
    get serve() {
      return need(serve, 'flotilla serve');
    },
    get model() {
      return need(model, 'The scripted model server');
    },
    api() {
      const running = need(serve, 'flotilla serve');
      client ??= connectEngine({ url: running.origin, token: running.token });
      return client;
    },
    createRepo(name, files) {
      return createTempRepo(files, need(root, 'The temp folder'), name);
    },
    createFolder(name) {
      const path = join(need(root, 'The temp folder'), name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    async open(page) {
      await page.goto(need(serve, 'flotilla serve').url);
      await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    },
  };
}
