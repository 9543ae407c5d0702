import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { homePaths } from '../home.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { ProviderVault } from './provider-vault.js';

describe('a key held in memory only (sent by another machine for this session)', () => {
  let home = '';
  afterEach(() => removeTemp(home));

  it('is used by the engine, never written to its home, and gone when the engine restarts', () => {
    home = makeTempDir();
    const paths = homePaths(home);
    const vault = new ProviderVault(paths, {});
    vault.updateProvider('anthropic', { apiKey: 'sk-stored' });
    vault.updateProvider('anthropic', { apiKey: 'sk-from-the-laptop' }, false);
    expect(vault.providerConfig('anthropic').apiKey).toBe('sk-from-the-laptop');
    expect(existsSync(paths.secrets) && readFileSync(paths.secrets, 'utf8')).not.toContain('sk-from-the-laptop');
    expect(new ProviderVault(paths, {}).providerConfig('anthropic').apiKey).toBe('sk-stored');
    // Storing a key again replaces the one in memory.
    vault.updateProvider('anthropic', { apiKey: 'sk-new' });
    expect(vault.providerConfig('anthropic').apiKey).toBe('sk-new');
  });
});
