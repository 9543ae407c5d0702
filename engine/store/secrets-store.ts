import { z } from 'zod';
import { providerIds, type ProviderId } from '../../shared/repo.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

const providerSecretSchema = z.object({ apiKey: z.string().optional(), baseUrl: z.string().optional() });
const secretsSchema = z.object({ providers: z.record(z.string(), providerSecretSchema) });

/** A provider's stored key and base URL (either may be missing). */
export type ProviderSecret = z.infer<typeof providerSecretSchema>;

/** Every provider's stored settings. */
export type ProviderSecrets = Record<ProviderId, ProviderSecret>;

/** Loads provider keys and base URLs from FLOTILLA_HOME/secrets.json (owner-only file). */
export function loadSecrets(path: string): ProviderSecrets {
  const stored = readJsonFile(path, secretsSchema)?.providers ?? {};
  return Object.fromEntries(providerIds.map((id) => [id, stored[id] ?? {}])) as ProviderSecrets;
}

/** Saves provider keys and base URLs, readable by the owner only. */
export function saveSecrets(path: string, secrets: ProviderSecrets): void {
  writeJsonFile(path, { providers: secrets }, 0o600);
}
