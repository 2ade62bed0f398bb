import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiagnosticLogger } from './diagnostic-log';
import { RotatingLogFile } from './rotating-log-file';

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-logs-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const line = (n: number) => `${String(n).padStart(9, '0')}\n`; // 10 bytes

describe('RotatingLogFile', () => {
  it('creates its folder and appends lines to the current file', () => {
    const directory = path.join(tempFolder(), 'logs');
    const file = new RotatingLogFile({ directory, baseName: 'leadbridge', maxBytes: 100, keep: 2 });
    file.write(line(1));
    file.write(line(2));
    expect(fs.readFileSync(path.join(directory, 'leadbridge.log'), 'utf8')).toBe(line(1) + line(2));
  });

  it('never lets a file grow past its cap and keeps only the newest rotated files', () => {
    const directory = tempFolder();
    const file = new RotatingLogFile({ directory, baseName: 'leadbridge', maxBytes: 30, keep: 2 });
    for (let n = 1; n <= 12; n += 1) file.write(line(n));

    expect(fs.readdirSync(directory).sort()).toEqual([
      'leadbridge.1.log',
      'leadbridge.2.log',
      'leadbridge.log',
    ]);
    const read = (name: string) => fs.readFileSync(path.join(directory, name), 'utf8');
    expect(read('leadbridge.log')).toBe(line(10) + line(11) + line(12));
    expect(read('leadbridge.1.log')).toBe(line(7) + line(8) + line(9));
    expect(read('leadbridge.2.log')).toBe(line(4) + line(5) + line(6));
    for (const name of fs.readdirSync(directory)) {
      expect(fs.statSync(path.join(directory, name)).size).toBeLessThanOrEqual(30);
    }
  });

  it('counts what an earlier run left in the file before rotating', () => {
    const directory = tempFolder();
    fs.writeFileSync(path.join(directory, 'leadbridge.log'), line(1) + line(2) + line(3));
    const file = new RotatingLogFile({ directory, baseName: 'leadbridge', maxBytes: 30, keep: 1 });
    file.write(line(4));
    expect(fs.readFileSync(path.join(directory, 'leadbridge.log'), 'utf8')).toBe(line(4));
    expect(fs.readFileSync(path.join(directory, 'leadbridge.1.log'), 'utf8')).toBe(
      line(1) + line(2) + line(3),
    );
  });

  it('reports an unwritable folder once and never throws at the caller', () => {
    const blocker = path.join(tempFolder(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const onWriteFailed = vi.fn();
    const file = new RotatingLogFile({
      directory: path.join(blocker, 'logs'),
      baseName: 'leadbridge',
      maxBytes: 100,
      keep: 1,
      onWriteFailed,
    });
    expect(() => {
      file.write(line(1));
      file.write(line(2));
    }).not.toThrow();
    expect(onWriteFailed).toHaveBeenCalledTimes(1);
  });

  it('receives only redacted lines from the diagnostic logger', () => {
    const directory = tempFolder();
    const file = new RotatingLogFile({
      directory,
      baseName: 'leadbridge',
      maxBytes: 10_000,
      keep: 1,
    });
    const logger = createDiagnosticLogger('electron', [file.write]);
    logger.error(
      'token refresh failed for https://x.my.salesforce.com/cb?code=aPrx123&state=s3cr',
      {
        refreshToken: '5Aep861secret',
        url: 'https://login.salesforce.com/services/oauth2/token?grant_type=refresh_token&client_secret=abc',
        header: 'Bearer 00D5g000004ABCD!AQ4AQGhx.very.secret',
        code: 'INVALID_GRANT',
      },
    );
    const written = fs.readFileSync(file.currentFile, 'utf8');
    for (const secret of [
      'aPrx123',
      's3cr',
      '5Aep861secret',
      'refresh_token&',
      'abc',
      'AQ4AQGhx',
    ]) {
      expect(written).not.toContain(secret);
    }
    const entry = JSON.parse(written) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'error',
      scope: 'electron',
      message: 'token refresh failed for https://x.my.salesforce.com/cb?code&state',
      refreshToken: '[redacted]',
      url: 'https://login.salesforce.com/services/oauth2/token?grant_type&client_secret',
      header: 'Bearer [redacted]',
      code: 'INVALID_GRANT',
    });
  });
});
