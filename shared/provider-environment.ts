import type { ProviderId } from './repo.js';

/** The environment variables a provider's key and base URL are read from, by engine, CLI and desktop alike. */
export const providerEnvironment: Readonly<Record<ProviderId, { key: string; url: string }>> = {
  anthropic: { key: 'ANTHROPIC_API_KEY', url: 'ANTHROPIC_BASE_URL' },
  openai: { key: 'OPENAI_API_KEY', url: 'OPENAI_BASE_URL' },
  compatible: { key: 'OPENAI_COMPATIBLE_API_KEY', url: 'OPENAI_COMPATIBLE_BASE_URL' },
};

/** The environment variable a provider's key is read from. */
export function keyVariable(provider: ProviderId): string {
  return providerEnvironment[provider].key;
}
