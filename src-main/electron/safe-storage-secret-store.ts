import Store from 'electron-store';
import { safeStorage } from 'electron';
import { AppError } from '../core/errors';
import type { Logger, SecretStore } from '../core/ports';

/** The part of Electron's safeStorage this store uses (the async API; the sync one is deprecated). */
export type SafeStorageApi = Pick<
  typeof safeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

export interface SafeStorageSecretStoreOptions {
  logger: Logger;
  /** Absolute folder for the `secrets` file; defaults to Electron's userData folder. */
  cwd?: string;
  safeStorage?: SafeStorageApi;
  platform?: NodeJS.Platform;
}

/**
 * Secrets sealed by the OS keychain (Keychain, DPAPI, libsecret/kwallet) through
 * safeStorage, kept as base64 in the `secrets` file. The file alone never yields a token:
 * the key stays with the OS account.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: Store<Record<string, string>>;
  readonly #safeStorage: SafeStorageApi;
  readonly #logger: Logger;
  readonly #platform: NodeJS.Platform;
  #backendChecked = false;

  constructor(options: SafeStorageSecretStoreOptions) {
    this.#safeStorage = options.safeStorage ?? safeStorage;
    this.#logger = options.logger;
    this.#platform = options.platform ?? process.platform;
    this.#file = new Store<Record<string, string>>({
      name: 'secrets',
      ...(options.cwd ? { cwd: options.cwd } : {}),
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      // Unreadable ciphertext is as good as none: reconnecting beats refusing to start.
      clearInvalidConfig: true,
    });
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = this.#file.get(name);
    if (typeof sealed !== 'string') return undefined;
    try {
      const { result, shouldReEncrypt } = await this.#safeStorage.decryptStringAsync(
        Buffer.from(sealed, 'base64'),
      );
      if (shouldReEncrypt) await this.set(name, result);
      return result;
    } catch {
      // Sealed under another OS account or a reset keyring: unusable, as if never stored.
      this.#logger.warn('secret could not be decrypted', { name });
      return undefined;
    }
  }

  async set(name: string, value: string): Promise<void> {
    await this.#ensureEncryption();
    const sealed = await this.#safeStorage.encryptStringAsync(value);
    this.#file.set(name, sealed.toString('base64'));
  }

  async delete(name: string): Promise<void> {
    this.#file.delete(name);
  }

  async #ensureEncryption(): Promise<void> {
    if (!(await this.#safeStorage.isAsyncEncryptionAvailable())) {
      throw new AppError(
        'SECRET_STORAGE_UNAVAILABLE',
        "Leadbridge cannot store the Salesforce sign-in securely because the system's password store is not available. " +
          'Unlock or set up your keychain (on Linux: GNOME Keyring / libsecret or KWallet), then connect again.',
      );
    }
    if (this.#platform === 'linux' && !this.#backendChecked) {
      this.#backendChecked = true;
      if (this.#safeStorage.getSelectedStorageBackend() === 'basic_text') {
        this.#logger.warn('secrets are protected by a hard-coded key only', {
          backend: 'basic_text',
          advice:
            'install and unlock GNOME Keyring (libsecret) or KWallet, then restart Leadbridge',
        });
      }
    }
  }
}
