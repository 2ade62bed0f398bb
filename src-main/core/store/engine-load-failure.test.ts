import { describe, expect, it } from 'vitest';
import { explainEngineLoadFailure } from './engine-load-failure';

function dlopenError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_DLOPEN_FAILED' });
}

describe('explainEngineLoadFailure', () => {
  it('names the glibc a too-old Linux lacks, and the systems that work', () => {
    const explained = explainEngineLoadFailure(
      dlopenError(
        "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by /opt/Leadbridge/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node)",
      ),
    );
    expect(explained?.code).toBe('SYSTEM_TOO_OLD');
    expect(explained?.message).toContain('glibc 2.34 or later');
    expect(explained?.message).toContain('Ubuntu 22.04');
    expect(explained?.message).toContain('lacks GLIBC_2.34');
  });

  it('says the engine did not load, with the cause, for any other binary failure', () => {
    const explained = explainEngineLoadFailure(
      dlopenError(
        'The module better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 127.\nThis version requires NODE_MODULE_VERSION 137.',
      ),
    );
    expect(explained?.code).toBe('DATABASE_ENGINE_NOT_LOADED');
    expect(explained?.message).toContain('NODE_MODULE_VERSION 127');
    expect(explained?.message).not.toContain('\n');
  });

  it('leaves every other error as it is', () => {
    expect(
      explainEngineLoadFailure(new Error('SQLITE_CANTOPEN: unable to open database file')),
    ).toBeNull();
  });
});
