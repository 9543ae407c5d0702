import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../../shared/errors.js';
import type { ProviderId } from '../../shared/repo.js';
import { EngineError } from '../../engine/errors.js';
import { updateProvider, type ProviderUpdateDeps } from './provider-keys.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

function fakes(options: { vaultError?: Error; setKeyReply?: Reply } = {}) {
  const log: unknown[] = [];
  const deps: ProviderUpdateDeps = {
    vault: {
      async set(provider: ProviderId, apiKey: string | null) {
        if (options.vaultError) throw options.vaultError;
        log.push(['vault', provider, apiKey]);
      },
    },
    engine: {
      async setKey(provider, apiKey) {
        log.push(['engine.setKey', provider, apiKey]);
        return options.setKeyReply ?? { ok: true, result: {} };
      },
      async call(method, params) {
        log.push(['engine.call', method, params]);
        return { ok: true, result: { providers: {} } };
      },
    },
  };
  return { deps, log };
}

describe('provider/update from the window', () => {
  it('stores a new key encrypted and hands it to the engine in memory; the engine only ever sees apiKey: null', async () => {
    const { deps, log } = fakes();
    const reply = await updateProvider(
      { provider: 'anthropic', settings: { apiKey: ' sk-ant-1 ', baseUrl: 'https://proxy.example/v1' } },
      deps,
    );
    expect(reply.ok).toBe(true);
    expect(log).toEqual([
      ['vault', 'anthropic', 'sk-ant-1'],
      ['engine.setKey', 'anthropic', 'sk-ant-1'],
      [
        'engine.call',
        'provider/update',
        { provider: 'anthropic', settings: { apiKey: null, baseUrl: 'https://proxy.example/v1' } },
      ],
    ]);
    expect(JSON.stringify(log.at(-1))).not.toContain('sk-ant-1');
  });

  it('removes a key from the vault and the engine when cleared (null or empty)', async () => {
    for (const apiKey of [null, '  ']) {
      const { deps, log } = fakes();
      await updateProvider({ provider: 'openai', settings: { apiKey } }, deps);
      expect(log.slice(0, 2)).toEqual([
        ['vault', 'openai', null],
        ['engine.setKey', 'openai', null],
      ]);
    }
  });

  it('passes a base-URL-only change straight through without touching keys', async () => {
    const { deps, log } = fakes();
    await updateProvider({ provider: 'compatible', settings: { baseUrl: 'http://localhost:11434/v1' } }, deps);
    expect(log).toEqual([
      [
        'engine.call',
        'provider/update',
        { provider: 'compatible', settings: { baseUrl: 'http://localhost:11434/v1' } },
      ],
    ]);
  });

  it('answers with the refusal, and tells the engine nothing, when keys cannot be stored safely', async () => {
    const { deps, log } = fakes({
      vaultError: new EngineError('keyStorageUnavailable', 'No keyring; set ANTHROPIC_API_KEY instead.'),
    });
    const reply = await updateProvider({ provider: 'anthropic', settings: { apiKey: 'sk' } }, deps);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'keyStorageUnavailable', message: 'No keyring; set ANTHROPIC_API_KEY instead.' },
    });
    expect(log).toEqual([]);
  });

  it('reports the engine refusing the key (another process runs it)', async () => {
    const refusal: Reply = {
      ok: false,
      error: { code: 'keyStorageUnavailable', message: 'Another Flotilla process runs the engine.' },
    };
    const { deps, log } = fakes({ setKeyReply: refusal });
    expect(await updateProvider({ provider: 'anthropic', settings: { apiKey: 'sk' } }, deps)).toEqual(refusal);
    expect(log.map((entry) => (entry as string[])[0])).toEqual(['vault', 'engine.setKey']);
  });
});
