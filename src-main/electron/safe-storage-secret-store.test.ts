import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { SafeStorageApi } from './safe-storage-secret-store';

vi.mock('electron', () => ({ safeStorage: {} }));
vi.mock('electron-store', () => import('./electron-store-on-conf'));

const { SafeStorageSecretStore } = await import('./safe-storage-secret-store');

/** A keyed, reversible stand-in for the OS keychain cipher: opaque bytes, not the input. */
function fakeSafeStorage(
  options: {
    available?: boolean;
    backend?: ReturnType<SafeStorageApi['getSelectedStorageBackend']>;
  } = {},
) {
  const key = 0x5a;
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ key));
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    encryptStringAsync: vi.fn(async (text: string) =>
      Buffer.concat([Buffer.from('v10'), flip(Buffer.from(text, 'utf8'))]),
    ),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
      return { result: flip(sealed.subarray(3)).toString('utf8'), shouldReEncrypt: false };
    }),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
  } satisfies SafeStorageApi;
}

function recordingLogger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Logger;
}

let cwd: string;
const secretsFile = () => path.join(cwd, 'secrets.json');
const token = 'sf-refresh-token-00D000000000001!AQ4AQ';

beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-secrets-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('SafeStorageSecretStore', () => {
  it('gives back what it stored, across instances', async () => {
    const safeStorage = fakeSafeStorage();
    const logger = recordingLogger();
    await new SafeStorageSecretStore({ cwd, safeStorage, logger }).set('refreshToken', token);
    const reopened = new SafeStorageSecretStore({ cwd, safeStorage, logger });
    expect(await reopened.get('refreshToken')).toBe(token);
    expect(await reopened.get('missing')).toBeUndefined();
  });

  it('writes only ciphertext to the secrets file', async () => {
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage(),
      logger: recordingLogger(),
    });
    await store.set('refreshToken', token);
    const onDisk = fs.readFileSync(secretsFile(), 'utf8');
    expect(onDisk).not.toContain(token);
    expect(onDisk).not.toContain(Buffer.from(token).toString('base64'));
    expect(JSON.parse(onDisk)).toEqual({
      refreshToken: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
    });
  });

  it('deletes a secret', async () => {
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage(),
      logger: recordingLogger(),
    });
    await store.set('refreshToken', token);
    await store.delete('refreshToken');
    expect(await store.get('refreshToken')).toBeUndefined();
  });

  it('keeps names with dots as one key', async () => {
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage(),
      logger: recordingLogger(),
    });
    await store.set('org.00D1.token', token);
    expect(JSON.parse(fs.readFileSync(secretsFile(), 'utf8'))).toHaveProperty(['org.00D1.token']);
  });

  it('refuses to store when encryption is unavailable, and says what to do', async () => {
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage({ available: false }),
      logger: recordingLogger(),
    });
    const failure = await store.set('refreshToken', token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'SECRET_STORAGE_UNAVAILABLE' });
    expect((failure as AppError).message).toMatch(/keychain|password store/i);
    const onDisk = fs.existsSync(secretsFile()) ? fs.readFileSync(secretsFile(), 'utf8') : '';
    expect(onDisk).not.toContain(token);
  });

  it('refuses on Linux to store a token under the hard-coded basic_text key, and says what to do', async () => {
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      logger: recordingLogger(),
      platform: 'linux',
    });
    const failure = await store.set('refreshToken', token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'SECRET_STORE_INSECURE' });
    expect((failure as AppError).message).toMatch(/keyring|KWallet/);
    expect((failure as AppError).message).toMatch(/Settings/);
    expect(fs.existsSync(secretsFile()) ? fs.readFileSync(secretsFile(), 'utf8') : '').toBe('');
  });

  it('stores under basic_text once the user agreed in Settings, and warns once', async () => {
    const logger = recordingLogger();
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      logger,
      platform: 'linux',
      allowInsecureBackend: () => true,
    });
    await store.set('a', '1');
    await store.set('b', '2');
    expect(await store.get('b')).toBe('2');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[1]).toMatchObject({ backend: 'basic_text' });
  });

  it('does not warn for a real keyring', async () => {
    const logger = recordingLogger();
    const store = new SafeStorageSecretStore({
      cwd,
      safeStorage: fakeSafeStorage(),
      logger,
      platform: 'linux',
    });
    await store.set('a', token);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('treats a secret it cannot decrypt as absent', async () => {
    fs.writeFileSync(
      secretsFile(),
      JSON.stringify({ refreshToken: Buffer.from('junk').toString('base64') }),
    );
    const logger = recordingLogger();
    const store = new SafeStorageSecretStore({ cwd, safeStorage: fakeSafeStorage(), logger });
    expect(await store.get('refreshToken')).toBeUndefined();
    expect(logger.warn).toHaveBeenCalled();
  });

  it('re-seals a secret when the OS rotated its key', async () => {
    const safeStorage = fakeSafeStorage();
    const store = new SafeStorageSecretStore({ cwd, safeStorage, logger: recordingLogger() });
    await store.set('refreshToken', token);
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: token, shouldReEncrypt: true });
    expect(await store.get('refreshToken')).toBe(token);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });
});
