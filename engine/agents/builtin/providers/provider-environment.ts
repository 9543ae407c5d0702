import type { ProviderId } from '../../../../shared/repo.js';

/** The environment variables that give each provider's key and base URL when none is stored: the one map of them. */
export const providerEnvironment: Record<ProviderId, { key: string; url: string }> = {
  anthropic: { key: 'ANTHROPIC_API_KEY', url: 'ANTHROPIC_BASE_URL' },
  openai: { key: 'OPENAI_API_KEY', url: 'OPENAI_BASE_URL' },
  compatible: { key: 'OPENAI_COMPATIBLE_API_KEY', url: 'OPENAI_COMPATIBLE_BASE_URL' },
};
