import { afterEach, describe, expect, it } from 'vitest';
import type { EngineChange } from '../../../shared/engine-events.js';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import { createTempRepo } from '../../../testing/engine/temp-repo.js';
import { sampleRepo } from '../../../testing/renderer/app-state.js';
import { applyRepoChange } from './repos-slice.js';
import { applySettingsChange, type SettingsState } from './settings-slice.js';
import { createRootStore } from './store.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('configuration changes in the store', () => {
  it('a store fed only the engine’s change events ends with the repositories, settings, providers, prices and agents the engine lists', async () => {
    harness = await startHarness();
    const engine = harness.engine;
    const changes: EngineChange[] = [];
    engine.onChange((change) => changes.push(change));
    const store = createRootStore();
    // The window loaded before any of these changes.
    store.setState({
      repos: (await engine.call('repo/list', {})).repos,
      engineSettings: (await engine.call('settings/get', {})).settings,
    });

    const other = createTempRepo({ 'README.md': '# other\n' }, harness.root, 'other');
    const { repo } = await engine.call('repo/add', { path: other.path });
    await engine.call('repo/add', { path: other.path });
    await engine.call('repo/update', { repoId: repo.id, settings: { setupScript: 'npm ci' } });
    await engine.call('repo/remove', { repoId: harness.repoId });
    await engine.call('settings/update', { concurrency: 9 });
    await engine.call('pricing/update', {
      model: 'acme:tiny',
      price: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25, contextWindow: 128_000 },
    });
    await engine.call('provider/update', {
      provider: 'openai',
      settings: { apiKey: 'sk-secret-never-sent', baseUrl: 'http://127.0.0.1:9/v1' },
    });
    await engine.call('task/list', {});

    expect(changes.map((change) => change.type)).toEqual([
      'repo.added',
      'repo.updated',
      'repo.removed',
      'settings.changed',
      'pricing.changed',
      'providers.changed',
      'agents.changed',
    ]);
    expect(JSON.stringify(changes)).not.toContain('sk-secret-never-sent');
    for (const change of changes) store.getState().ingestChange(change);

    const state = store.getState();
    expect(state.repos).toEqual((await engine.call('repo/list', {})).repos);
    expect(state.repos.map((entry) => entry.settings.setupScript)).toEqual(['npm ci']);
    expect(state.engineSettings).toEqual((await engine.call('settings/get', {})).settings);
    expect(state.engineSettings?.concurrency).toBe(9);
    expect(state.prices).toEqual((await engine.call('pricing/get', {})).prices);
    expect(state.providers).toEqual((await engine.call('provider/list', {})).providers);
    expect(state.providers.openai).toEqual({
      baseUrl: 'http://127.0.0.1:9/v1',
      hasApiKey: true,
      route: { kind: 'direct' },
    });
    expect(state.agents).toEqual((await engine.call('agent/list', {})).agents);
  });

  it('repository changes add, replace and drop entries (with a removed one’s branches) and leave the state alone otherwise', () => {
    const first = sampleRepo({ id: 'r1' });
    const start = { repos: [first], branches: { r1: { current: 'main', branches: ['main'] } } };
    const added = applyRepoChange(start, { type: 'repo.added', repo: sampleRepo({ id: 'r2', name: 'api' }) });
    expect(added.repos.map((repo) => repo.id)).toEqual(['r1', 'r2']);
    const renamed = applyRepoChange(added, {
      type: 'repo.updated',
      repo: { ...first, settings: { ...first.settings, setupScript: 'make' } },
    });
    expect(renamed.repos.map((repo) => repo.settings.setupScript)).toEqual(['make', '']);
    const removed = applyRepoChange(renamed, { type: 'repo.removed', repoId: 'r1' });
    expect(removed).toEqual({ repos: [added.repos[1]], branches: {} });
    expect(applyRepoChange(removed, { type: 'repo.removed', repoId: 'r1' })).toBe(removed);
    expect(applyRepoChange(removed, { type: 'pricing.changed', prices: {} })).toBe(removed);
  });

  it('a provider whose key or base URL changed forgets the models it listed; the others keep theirs', () => {
    const state: SettingsState = {
      engineSettings: null,
      providers: { openai: { baseUrl: null, hasApiKey: false }, anthropic: { baseUrl: null, hasApiKey: true } },
      agents: [],
      prices: {},
      providerModels: { openai: [{ id: 'openai:old' }], anthropic: [{ id: 'anthropic:kept' }] },
    };
    const next = applySettingsChange(state, {
      type: 'providers.changed',
      providers: {
        openai: { baseUrl: null, hasApiKey: true },
        anthropic: { baseUrl: null, hasApiKey: true },
        compatible: { baseUrl: null, hasApiKey: false },
      },
    });
    expect(next.providerModels).toEqual({ anthropic: [{ id: 'anthropic:kept' }] });
    expect(next.providers.openai?.hasApiKey).toBe(true);
    expect(applySettingsChange(state, { type: 'repo.removed', repoId: 'r1' })).toBe(state);
  });
});
