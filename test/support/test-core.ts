import {
  createLeadbridgeCore,
  type CoreDependencies,
  type LeadbridgeCore,
} from '../../src-main/core/leadbridge-core';
import { systemClock, type SecretStore, type SettingsStore } from '../../src-main/core/ports';
import { createRecordingLogger } from './silent-logger';
import { makeTempDirectory } from './temp-directory';

export function memorySettingsStore(): SettingsStore & { value: Record<string, unknown> } {
  const store = {
    value: {} as Record<string, unknown>,
    load: () => store.value,
    save: (next: Record<string, unknown>) => void (store.value = next),
  };
  return store;
}

export function memorySecretStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (name) => values.get(name),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/** A real core on a temp directory with in-memory settings and secrets, for tests. */
export async function createTestCore(
  overrides: Partial<CoreDependencies> = {},
): Promise<LeadbridgeCore & { dataDirectory: string; dispose(): void }> {
  const temp = makeTempDirectory('lb-core');
  const core = await createLeadbridgeCore({
    dataDirectory: temp.path,
    hostKind: 'headless',
    appVersion: '9.9.9',
    settingsStore: memorySettingsStore(),
    secretStore: memorySecretStore(),
    clock: systemClock,
    logger: createRecordingLogger(),
    defaultClientId: 'test-client-id',
    oauthRedirectUri: () => 'http://localhost:4780/oauth/callback',
    ...overrides,
  });
  return {
    ...core,
    dataDirectory: overrides.dataDirectory ?? temp.path,
    dispose: () => {
      core.close();
      temp.remove();
    },
  };
}
