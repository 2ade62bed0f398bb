import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/ports';
import { writeFileAtomically } from './atomic-file';

const KEY_BYTES = 32;

/**
 * The headless host's secrets: one file (mode 0600) whose values are sealed with
 * AES-256-GCM. The key lives in a second 0600 file outside the data directory, so a copy
 * or backup of the data directory alone never holds a usable token.
 */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly keyFile: string,
  ) {}

  async get(name: string): Promise<string | undefined> {
    const sealed = this.#readAll()[name];
    return sealed === undefined ? undefined : this.#open(sealed);
  }

  async set(name: string, value: string): Promise<void> {
    this.#writeAll({ ...this.#readAll(), [name]: this.#seal(value) });
  }

  async delete(name: string): Promise<void> {
    const { [name]: _removed, ...rest } = this.#readAll();
    this.#writeAll(rest);
  }

  #readAll(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  #writeAll(values: Record<string, string>): void {
    writeFileAtomically(this.file, JSON.stringify(values), 0o600);
  }

  #seal(value: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key(), iv);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  #open(sealed: string): string | undefined {
    const bytes = Buffer.from(sealed, 'base64');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString();
    } catch {
      // Another key (the key file was replaced): the secret is unusable, as if never stored.
      return undefined;
    }
  }

  #key(): Buffer {
    try {
      const key = fs.readFileSync(this.keyFile);
      if (key.length === KEY_BYTES) return key;
    } catch {
      // No key yet: make one below.
    }
    const key = crypto.randomBytes(KEY_BYTES);
    fs.mkdirSync(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    writeFileAtomically(this.keyFile, key, 0o600);
    return key;
  }
}
