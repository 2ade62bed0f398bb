import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDirectory } from '../../test/support/temp-directory';
import { FileSecretStore } from './file-secret-store';

const temp = makeTempDirectory('lb-secrets');
afterEach(() => fs.rmSync(temp.path, { recursive: true, force: true }));

function store() {
  fs.mkdirSync(temp.path, { recursive: true });
  const file = path.join(temp.path, 'data', 'secrets.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const keyFile = path.join(temp.path, 'config', 'secrets.key');
  return { file, keyFile, secrets: new FileSecretStore(file, keyFile) };
}

describe('FileSecretStore', () => {
  it('round-trips secrets and deletes them', async () => {
    const { secrets } = store();
    await secrets.set('refreshToken', 'r-123');
    await secrets.set('accessToken', 'a-456');
    expect(await secrets.get('refreshToken')).toBe('r-123');
    await secrets.delete('refreshToken');
    expect(await secrets.get('refreshToken')).toBeUndefined();
    expect(await secrets.get('accessToken')).toBe('a-456');
  });

  it('never writes a secret in plain text, and keeps both files private (0600)', async () => {
    const { file, keyFile, secrets } = store();
    const token = '00Dxx0000001gPL!AQ4AQFakeAccessTokenValue';
    await secrets.set('accessToken', token);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('FakeAccessToken');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(path.dirname(keyFile)).not.toBe(path.dirname(file));
  });

  it('treats a secret sealed with another key as absent instead of failing', async () => {
    const { keyFile, secrets, file } = store();
    await secrets.set('accessToken', 'value');
    fs.writeFileSync(keyFile, Buffer.alloc(32, 7));
    expect(await new FileSecretStore(file, keyFile).get('accessToken')).toBeUndefined();
  });
});
