import { z } from 'zod';
import { modelPriceSchema, type ModelPrice, type ProviderId } from '../../shared/repo.js';
import { defaultPrices } from '../agents/builtin/price-table.js';
import { providerEnvironment } from '../../shared/provider-environment.js';
import type { HomePaths } from '../home.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { loadSecrets, saveSecrets, type ProviderSecrets } from './secrets-store.js';

/** A provider's connection: its key and base URL, null where none is set. */
export interface ProviderConnection {
  apiKey: string | null;
  baseUrl: string | null;
}

/** Provider keys and base URLs (stored, else from the environment) and the model price table. */
export class ProviderVault {
  private readonly secrets: ProviderSecrets;
  private readonly userPrices: Record<string, ModelPrice>;
  /** Keys held for this engine's lifetime only (sent by another machine), never written; they win over stored ones. */
  private readonly memoryKeys = new Map<ProviderId, string>();

  constructor(
    private readonly paths: HomePaths,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.secrets = loadSecrets(paths.secrets);
    this.userPrices = readJsonFile(paths.pricing, z.record(z.string(), modelPriceSchema)) ?? {};
  }

  /** A provider's key and base URL: stored settings first, then the usual environment variables. */
  providerConfig(id: ProviderId): ProviderConnection {
    const stored = this.secrets[id];
    const names = providerEnvironment[id];
    // An empty variable (ANTHROPIC_API_KEY=) means "not set", not an empty key.
    const fromEnvironment = (name: string) => this.env[name]?.trim() || null;
    return {
      apiKey: this.memoryKeys.get(id) || stored.apiKey || fromEnvironment(names.key),
      baseUrl: stored.baseUrl || fromEnvironment(names.url),
    };
  }

  /** Stores a provider's key or base URL (null clears it); with `remember` false the key is held in memory only. */
  updateProvider(
    id: ProviderId,
    change: { apiKey?: string | null | undefined; baseUrl?: string | null | undefined },
    remember = true,
  ): void {
    if (!remember) {
      if (change.apiKey) this.memoryKeys.set(id, change.apiKey);
      else if (change.apiKey === null) this.memoryKeys.delete(id);
      if (change.baseUrl === undefined) return;
      change = { baseUrl: change.baseUrl };
    } else if (change.apiKey !== undefined) this.memoryKeys.delete(id);
    const next = { ...this.secrets[id] };
    if (change.apiKey !== undefined) {
      if (change.apiKey === null) delete next.apiKey;
      else next.apiKey = change.apiKey;
    }
    if (change.baseUrl !== undefined) {
      if (change.baseUrl === null) delete next.baseUrl;
      else next.baseUrl = change.baseUrl;
    }
    this.secrets[id] = next;
    saveSecrets(this.paths.secrets, this.secrets);
  }

  /** The price table: built-in rows with the user's overrides. */
  prices(): Record<string, ModelPrice> {
    return { ...defaultPrices, ...this.userPrices };
  }

  /** Sets or (with null) removes the user's price for a model. */
  updatePrice(model: string, price: ModelPrice | null): void {
    if (price) this.userPrices[model] = price;
    else delete this.userPrices[model];
    writeJsonFile(this.paths.pricing, this.userPrices);
  }
}
