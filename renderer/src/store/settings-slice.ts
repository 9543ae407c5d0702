import type { CommandParams, CommandResult } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import { providerIds, type EngineSettings, type ModelPrice, type ProviderId } from '../../../shared/repo.js';
import { errorText } from '../transport/client-error.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** An agent the engine can run, and whether it can run on this machine. */
export type AgentInfo = CommandResult<'agent/list'>['agents'][number];
/** A provider's public settings: never the key, only whether one is set. */
export type ProviderInfo = CommandResult<'provider/list'>['providers'][ProviderId];
/** A model an agent or provider offers. */
export type ModelChoice = CommandResult<'provider/models'>['models'][number];
/** What testing a provider found. */
export type ProviderTest = CommandResult<'provider/test'>;

/** True when a provider has what it needs to be called: a key, or for a compatible server a base URL. */
export function providerReady(provider: ProviderId, info: ProviderInfo | undefined): boolean {
  return provider === 'compatible' ? Boolean(info?.baseUrl) : Boolean(info?.hasApiKey);
}

/** Engine settings, providers, agents and the price table. */
export interface SettingsSlice {
  engineSettings: EngineSettings | null;
  providers: Partial<Record<ProviderId, ProviderInfo>>;
  agents: AgentInfo[];
  prices: Record<string, ModelPrice>;
  /** The models each ready provider listed (provider/models or a successful test), as `provider:model`. */
  providerModels: Partial<Record<ProviderId, ModelChoice[]>>;
  loadSettings(): Promise<void>;
  /** Asks every ready provider for its models, once each unless `again`; a provider that fails is left out. */
  loadProviderModels(again?: boolean): Promise<void>;
  /** Tests a provider's stored settings, or the values given (typed, not saved); a working one's models are kept. */
  testProvider(provider: ProviderId, typed: { apiKey?: string; baseUrl?: string | null }): Promise<ProviderTest>;
  updateEngineSettings(change: Partial<EngineSettings>): Promise<void>;
  /** Sets or clears a provider's key or base URL (null clears). */
  updateProvider(provider: ProviderId, change: { apiKey?: string | null; baseUrl?: string | null }): Promise<void>;
  /** Sets one model's prices, or removes the row with null. */
  updatePrice(model: string, price: ModelPrice | null): Promise<void>;
  /** Sets an external agent's program path (null: on PATH) or whose login it uses; the agent is checked again. */
  configureAgent(agentId: string, change: Omit<CommandParams<'agent/configure'>, 'agentId'>): Promise<void>;
  /**
   * Removes the worktrees merged tasks still have (one task/removeWorktree each, in turn); resolves
   * with how many went and why any was kept. Branches keep the work.
   */
  removeMergedWorktrees(): Promise<{ removed: number; kept: string[] }>;
  /** A repository's warm pool: the prepared worktrees (never tasks) and the disk each uses. */
  listPool(repoId: string): Promise<CommandResult<'pool/list'>>;
  /** Removes a repository's prepared pool worktrees; resolves with how many. */
  clearPool(repoId: string): Promise<number>;
}

/** The parts of the settings slice that configuration changes update. */
export type SettingsState = Pick<
  SettingsSlice,
  'engineSettings' | 'providers' | 'agents' | 'prices' | 'providerModels'
>;

/**
 * Applies a settings, provider, price or agent change to the slice's state; the same object when
 * the change is about something else. A provider whose key or base URL changed forgets the models
 * it listed before, as after this window's own update.
 */
export function applySettingsChange(state: SettingsState, change: EngineChange): SettingsState {
  switch (change.type) {
    case 'settings.changed':
      return { ...state, engineSettings: change.settings };
    case 'providers.changed': {
      const providerModels = { ...state.providerModels };
      for (const id of providerIds) {
        const before = state.providers[id];
        const after = change.providers[id];
        if (before?.baseUrl !== after?.baseUrl || before?.hasApiKey !== after?.hasApiKey) delete providerModels[id];
      }
      return { ...state, providers: change.providers, providerModels };
    }
    case 'pricing.changed':
      return { ...state, prices: change.prices };
    case 'agents.changed':
      return { ...state, agents: change.agents };
    default:
      return state;
  }
}

/** Creates the settings slice. */
export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => {
  // Several model fields on one screen ask at once; each provider is asked once until it answers.
  const asking = new Map<ProviderId, Promise<void>>();
  return {
    engineSettings: null,
    providers: {},
    agents: [],
    prices: {},
    providerModels: {},
    async loadSettings() {
      const client = requireClient(get());
      const [settings, providers, agents, prices] = await Promise.all([
        client.call('settings/get', {}),
        client.call('provider/list', {}),
        client.call('agent/list', {}),
        client.call('pricing/get', {}),
      ]);
      set({
        engineSettings: settings.settings,
        providers: providers.providers,
        agents: agents.agents,
        prices: prices.prices,
      });
    },
    async loadProviderModels(again = false) {
      const client = requireClient(get());
      const { providers, providerModels } = get();
      const wanted = providerIds.filter((id) => providerReady(id, providers[id]) && (again || !providerModels[id]));
      await Promise.all(
        wanted.map((provider) => {
          const pending = asking.get(provider);
          if (pending && !again) return pending;
          const ask = client
            .call('provider/models', { provider })
            .then(({ models }) => set((state) => ({ providerModels: { ...state.providerModels, [provider]: models } })))
            // The composer still offers the price table's models; Settings → Test says what is wrong.
            .catch(() => undefined)
            .finally(() => {
              if (asking.get(provider) === ask) asking.delete(provider);
            });
          asking.set(provider, ask);
          return ask;
        }),
      );
    },
    async testProvider(provider, typed) {
      const result = await requireClient(get()).call('provider/test', { provider, ...typed });
      if (result.ok) set((state) => ({ providerModels: { ...state.providerModels, [provider]: result.models } }));
      return result;
    },
    async updateEngineSettings(change) {
      const { settings } = await requireClient(get()).call('settings/update', change);
      set({ engineSettings: settings });
    },
    async updateProvider(provider, change) {
      const { providers } = await requireClient(get()).call('provider/update', { provider, settings: change });
      // The models listed with the old key or base URL may not be the new one's.
      set((state) => ({ providers, providerModels: { ...state.providerModels, [provider]: undefined } }));
      // ...so ask again with the saved settings: the model pickers keep offering this provider's models.
      void get()
        .loadProviderModels()
        .catch(() => undefined);
      // A new key can make an agent available.
      const { agents } = await requireClient(get()).call('agent/list', {});
      set({ agents });
    },
    async configureAgent(agentId, change) {
      const { agent } = await requireClient(get()).call('agent/configure', { agentId, ...change });
      set((state) => ({ agents: state.agents.map((known) => (known.id === agent.id ? agent : known)) }));
    },
    async removeMergedWorktrees() {
      const client = requireClient(get());
      const merged = Object.values(get().tasks).filter((task) => task.status === 'merged' && task.hasWorktree);
      let removed = 0;
      const kept: string[] = [];
      for (const task of merged) {
        try {
          await client.call('task/removeWorktree', { taskId: task.id });
          removed += 1;
        } catch (error) {
          kept.push(`${task.title}: ${errorText(error)}`);
        }
      }
      return { removed, kept };
    },
    async listPool(repoId) {
      return requireClient(get()).call('pool/list', { repoId });
    },
    async clearPool(repoId) {
      return (await requireClient(get()).call('pool/clear', { repoId })).removed;
    },
    async updatePrice(model, price) {
      const { prices } = await requireClient(get()).call('pricing/update', { model, price });
      set({ prices });
    },
  };
};
