import { safeStorage } from 'electron';
import { keyStoragePolicy, type KeyCipher, type KeyStoragePolicy } from '../common/key-vault.js';

/** Electron's asynchronous safeStorage as the vault's cipher (Keychain, DPAPI or the Linux keyring). */
export const safeStorageCipher: KeyCipher = {
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  decrypt: (encrypted) => safeStorage.decryptStringAsync(encrypted),
};

/** Asks safeStorage (after the app is ready) whether keys can be stored safely on this machine. */
export async function currentKeyPolicy(): Promise<KeyStoragePolicy> {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  return keyStoragePolicy({ platform: process.platform, backend, encryptionAvailable });
}
