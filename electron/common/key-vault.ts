import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { keyVariable } from '../../shared/provider-environment.js';
import { providerIds, type ProviderId } from '../../shared/repo.js';
import { EngineError } from '../../engine/errors.js';
import type { ProviderKeys } from './engine-protocol.js';

/** The environment variable each provider's key is read from (the engine honours these too). */
export const keyEnvironmentNames: Readonly<Record<ProviderId, string>> = {
  anthropic: keyVariable('anthropic'),
  openai: keyVariable('openai'),
  compatible: keyVariable('compatible'),
};

/** What the key policy needs to know about the machine (from Electron's safeStorage and process.platform). */
export interface KeyStorageFacts {
  platform: NodeJS.Platform;
  /** safeStorage.getSelectedStorageBackend() on Linux; null on other platforms, where it does not apply. */
  backend: string | null;
  /** safeStorage.isAsyncEncryptionAvailable(). */
  encryptionAvailable: boolean;
}

/** Whether API keys may be stored, and if not, the explanation to show. */
export type KeyStoragePolicy = { allowed: true } | { allowed: false; message: string };

/**
 * Decides whether keys can be stored encrypted. Refused when no OS keychain protects them:
 * on Linux the `basic_text` backend (and `unknown`, before the app is ready) would store them
 * with a hard-coded password, which is no protection; the user is pointed to environment variables.
 */
export function keyStoragePolicy(facts: KeyStorageFacts): KeyStoragePolicy {
  const envHint = `Set ${keyEnvironmentNames.anthropic} or ${keyEnvironmentNames.openai} (${keyEnvironmentNames.compatible} for an OpenAI-compatible server) in the environment Flotilla starts from instead; the engine reads them there.`;
  if (
    facts.platform === 'linux' &&
    (facts.backend === 'basic_text' || facts.backend === 'unknown' || facts.backend === null)
  ) {
    return {
      allowed: false,
      message:
        'Flotilla will not store API keys here: no system keyring (GNOME Keyring / libsecret or KWallet) is available, so they could only be saved in plain text. ' +
        `${envHint} Or install and unlock a keyring, then restart Flotilla.`,
    };
  }
  if (!facts.encryptionAvailable) {
    return {
      allowed: false,
      message: `Flotilla cannot store API keys: the operating system's encryption (Keychain / DPAPI / keyring) is unavailable. ${envHint}`,
    };
  }
  return { allowed: true };
}

/** The OS encryption the vault uses (Electron's async safeStorage in the app; a fake in tests). */
export interface KeyCipher {
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

const vaultFileSchema = z.object({ version: z.literal(1), keys: z.partialRecord(z.enum(providerIds), z.string()) });

/** Provider keys encrypted at rest in one owner-only file (base64 ciphertext only; never the keys themselves). */
export class KeyVault {
  constructor(
    private readonly path: string,
    private readonly cipher: KeyCipher,
    private readonly policy: () => Promise<KeyStoragePolicy>,
  ) {}

  /**
   * Encrypts and stores a provider's key, or removes it (null). Throws keyStorageUnavailable when the policy refuses.
   */
  async set(provider: ProviderId, apiKey: string | null): Promise<void> {
    const stored = this.read();
    if (apiKey === null) {
      if (stored[provider] === undefined) return;
      delete stored[provider];
      return this.write(stored);
    }
    const policy = await this.policy();
    if (!policy.allowed) throw new EngineError('keyStorageUnavailable', policy.message);
    stored[provider] = (await this.cipher.encrypt(apiKey)).toString('base64');
    this.write(stored);
  }

  /**
   * Decrypts every stored key (re-encrypting any the OS asks to), for handing to the engine at
   * start. Keys that cannot be decrypted are left out and reported as problems.
   */
  async loadAll(): Promise<{ keys: ProviderKeys; problems: string[] }> {
    const stored = this.read();
    const keys: ProviderKeys = {};
    const problems: string[] = [];
    let rewrite = false;
    for (const provider of providerIds) {
      const encrypted = stored[provider];
      if (encrypted === undefined) continue;
      try {
        const { result, shouldReEncrypt } = await this.cipher.decrypt(Buffer.from(encrypted, 'base64'));
        keys[provider] = result;
        if (shouldReEncrypt) {
          stored[provider] = (await this.cipher.encrypt(result)).toString('base64');
          rewrite = true;
        }
      } catch {
        problems.push(
          `The stored ${provider} API key could not be decrypted (the system keyring changed?). Enter it again in Settings.`,
        );
      }
    }
    if (rewrite) this.write(stored);
    return { keys, problems };
  }

  private read(): Partial<Record<ProviderId, string>> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = vaultFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? { ...parsed.data.keys } : {};
    } catch {
      return {};
    }
  }

  private write(keys: Partial<Record<ProviderId, string>>): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
