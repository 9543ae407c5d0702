import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../engine/errors.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { KeyVault, keyStoragePolicy, type KeyCipher, type KeyStoragePolicy } from './key-vault.js';

// A reversible stand-in for safeStorage: the stored bytes must not contain the key.
const cipher = (options: { reEncrypt?: boolean } = {}): KeyCipher & { encrypted: number } => {
  const fake = {
    encrypted: 0,
    async encrypt(text: string) {
      fake.encrypted++;
      return Buffer.from(`v1:${Buffer.from(text).reverse().toString('hex')}`);
    },
    async decrypt(data: Buffer) {
      const text = data.toString();
      if (!text.startsWith('v1:')) throw new Error('bad ciphertext');
      return {
        result: Buffer.from(text.slice(3), 'hex').reverse().toString(),
        shouldReEncrypt: options.reEncrypt ?? false,
      };
    },
  };
  return fake;
};
const allowed = async (): Promise<KeyStoragePolicy> => ({ allowed: true });

let dir = '';
afterEach(() => removeTemp(dir));

describe('whether keys may be stored', () => {
  it('refuses the basic_text backend and points to the environment variables instead', () => {
    const policy = keyStoragePolicy({ platform: 'linux', backend: 'basic_text', encryptionAvailable: true });
    expect(policy.allowed).toBe(false);
    if (!policy.allowed) {
      expect(policy.message).toContain('no system keyring');
      expect(policy.message).toContain('ANTHROPIC_API_KEY');
      expect(policy.message).toContain('OPENAI_API_KEY');
    }
  });

  it('allows a real Linux keyring, and macOS or Windows when encryption is available', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) {
      expect(keyStoragePolicy({ platform: 'linux', backend, encryptionAvailable: true })).toEqual({ allowed: true });
    }
    expect(keyStoragePolicy({ platform: 'darwin', backend: null, encryptionAvailable: true })).toEqual({
      allowed: true,
    });
    expect(keyStoragePolicy({ platform: 'win32', backend: null, encryptionAvailable: true })).toEqual({
      allowed: true,
    });
  });

  it('refuses when the OS cannot encrypt, or before the backend is known', () => {
    expect(keyStoragePolicy({ platform: 'darwin', backend: null, encryptionAvailable: false }).allowed).toBe(false);
    expect(keyStoragePolicy({ platform: 'linux', backend: 'unknown', encryptionAvailable: true }).allowed).toBe(false);
  });
});

describe('the key vault', () => {
  it('stores only ciphertext, readable by the owner only, and decrypts it for the engine', async () => {
    dir = makeTempDir();
    const path = join(dir, 'provider-keys.json');
    const vault = new KeyVault(path, cipher(), allowed);
    await vault.set('anthropic', 'sk-ant-secret-123');
    await vault.set('openai', 'sk-openai-456');
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('sk-ant-secret-123');
    expect(file).not.toContain('secret');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await new KeyVault(path, cipher(), allowed).loadAll()).toEqual({
      keys: { anthropic: 'sk-ant-secret-123', openai: 'sk-openai-456' },
      problems: [],
    });
    await vault.set('anthropic', null);
    expect((await vault.loadAll()).keys).toEqual({ openai: 'sk-openai-456' });
  });

  it('refuses to store a key when the policy says no, and writes nothing', async () => {
    dir = makeTempDir();
    const path = join(dir, 'provider-keys.json');
    const vault = new KeyVault(path, cipher(), async () =>
      keyStoragePolicy({ platform: 'linux', backend: 'basic_text', encryptionAvailable: true }),
    );
    const failure = await vault.set('anthropic', 'sk-ant').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ code: 'keyStorageUnavailable' });
    expect((failure as Error).message).toContain('ANTHROPIC_API_KEY');
    expect(existsSync(path)).toBe(false);
  });

  it('re-encrypts keys the OS asks to, and reports keys it cannot decrypt instead of failing', async () => {
    dir = makeTempDir();
    const path = join(dir, 'provider-keys.json');
    await new KeyVault(path, cipher(), allowed).set('openai', 'sk-1');
    const rotating = cipher({ reEncrypt: true });
    expect((await new KeyVault(path, rotating, allowed).loadAll()).keys).toEqual({ openai: 'sk-1' });
    expect(rotating.encrypted).toBe(1);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { keys: Record<string, string> };
    writeFileSync(
      path,
      JSON.stringify({ version: 1, keys: { ...stored.keys, anthropic: Buffer.from('garbage').toString('base64') } }),
    );
    const loaded = await new KeyVault(path, cipher(), allowed).loadAll();
    expect(loaded.keys).toEqual({ openai: 'sk-1' });
    expect(loaded.problems).toEqual([expect.stringContaining('anthropic API key could not be decrypted')]);
  });

  it('treats a missing or corrupt file as no keys', async () => {
    dir = makeTempDir();
    const path = join(dir, 'provider-keys.json');
    expect(await new KeyVault(path, cipher(), allowed).loadAll()).toEqual({ keys: {}, problems: [] });
    writeFileSync(path, '{not json');
    expect(await new KeyVault(path, cipher(), allowed).loadAll()).toEqual({ keys: {}, problems: [] });
  });
});
