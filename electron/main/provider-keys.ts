import type { CommandParams } from '../../shared/commands.js';
import type { ErrorData } from '../../shared/errors.js';
import type { ProviderId } from '../../shared/repo.js';
import { toErrorData } from '../../engine/errors.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** What updating a provider needs: the encrypted store and the engine link. */
export interface ProviderUpdateDeps {
  vault: { set(provider: ProviderId, apiKey: string | null): Promise<void> };
  engine: {
    setKey(provider: ProviderId, apiKey: string | null): Promise<Reply>;
    call(method: 'provider/update', params: CommandParams<'provider/update'>): Promise<Reply>;
  };
}

/**
 * Carries out `provider/update` from the window without the key ever being stored in plain text:
 * a new key (or its removal) goes to the encrypted vault and to the engine process's memory; the
 * engine itself only gets `apiKey: null`, which also clears any plain-text key an older CLI saved
 * (it would otherwise take precedence). A base URL change passes through unchanged.
 */
export async function updateProvider(
  params: CommandParams<'provider/update'>,
  deps: ProviderUpdateDeps,
): Promise<Reply> {
  const { provider, settings } = params;
  if (settings.apiKey === undefined) return deps.engine.call('provider/update', params);
  const apiKey = settings.apiKey === null || settings.apiKey.trim() === '' ? null : settings.apiKey.trim();
  try {
    await deps.vault.set(provider, apiKey);
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
  const handed = await deps.engine.setKey(provider, apiKey);
  if (!handed.ok) return handed;
  return deps.engine.call('provider/update', { provider, settings: { ...settings, apiKey: null } });
}
