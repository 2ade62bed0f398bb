import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './database';

vi.mock('better-sqlite3', () => ({
  default: vi.fn(function failingEngine() {
    throw Object.assign(
      new Error(
        "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.33' not found (required by better_sqlite3.node)",
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    );
  }),
}));

describe('openDatabase on a system whose C library is too old', () => {
  it('fails with a code and a sentence naming the cause, not the loader’s message', () => {
    const file = path.join(os.tmpdir(), `leadbridge-engine-${process.pid}.db`);
    try {
      expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'SYSTEM_TOO_OLD' }));
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
