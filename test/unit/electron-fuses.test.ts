import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// Read the way electron-builder reads it and checked against its own schema, so a misspelt
// fuse name fails here instead of being silently ignored while packaging.
async function readPackagingConfiguration() {
  const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('packaged app fuses', () => {
  it('turn off every way to run the app binary as plain Node or attach a debugger', async () => {
    const { electronFuses } = await readPackagingConfiguration();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('encrypt cookies and load only an integrity-checked app.asar', async () => {
    const { electronFuses, asar } = await readPackagingConfiguration();
    expect(asar).not.toBe(false);
    expect(electronFuses).toMatchObject({
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
