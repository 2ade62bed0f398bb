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
  /** Whether the user agreed in Settings to tokens under Linux's hard-coded basic_text key. */
  allowInsecureBackend?: () => boolean;
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
  readonly #allowInsecureBackend: () => boolean;
  #insecureBackendWarned = false;

  constructor(options: SafeStorageSecretStoreOptions) {
    this.#safeStorage = options.safeStorage ?? safeStorage;
    this.#logger = options.logger;
    this.#platform = options.platform ?? process.platform;
    this.#allowInsecureBackend = options.allowInsecureBackend ?? (() => false);
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
    // Without a keyring, Linux "encryption" uses a key that is the same on every machine.
    if (this.#platform !== 'linux') return;
    if (this.#safeStorage.getSelectedStorageBackend() !== 'basic_text') return;
    if (!this.#allowInsecureBackend()) {
      throw new AppError(
        'SECRET_STORE_INSECURE',
        'Leadbridge did not save the Salesforce sign-in: this system has no keyring, so it could only be protected by a key that is the same on every Linux machine. ' +
          'Install and unlock GNOME Keyring (libsecret) or KWallet and restart Leadbridge, or accept the risk under "Sign-in storage" in Settings and connect again.',
      );
    }
    if (!this.#insecureBackendWarned) {
      this.#insecureBackendWarned = true;
      this.#logger.warn('secrets are protected by a hard-coded key only, as the user allowed', {
        backend: 'basic_text',
        advice: 'install and unlock GNOME Keyring (libsecret) or KWallet, then restart Leadbridge',
      });
    }
  }
}
