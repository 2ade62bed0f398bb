import { describe, expect, it } from 'vitest';
import type { MethodInput, UserSettings } from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { createSettingsStore } from './settings-store';
import { savedSettings as saved } from '../test-support/saved-settings';

/** A host that keeps settings the way `settings:update` does: merges what it is sent. */
function hostSettings(initial: UserSettings) {
  let current = initial;
  return {
    get: () => current,
    update: (input: MethodInput<'settings:update'> | undefined) => {
      current = { ...current, ...input };
      return current;
    },
  };
}

describe('settings store', () => {
  it('loads the saved settings', async () => {
    const host = hostSettings(saved);
    const store = createSettingsStore(createFakeApiClient({ 'settings:get': host.get }).client);
    const loading = store.getState().load();
    expect(store.getState().loading).toBe(true);
    await loading;
    expect(store.getState()).toMatchObject({ settings: saved, loading: false, loadError: null });
  });

  it('sends only the changed fields and shows what the host saved', async () => {
    const host = hostSettings(saved);
    const fake = createFakeApiClient({ 'settings:get': host.get, 'settings:update': host.update });
    const store = createSettingsStore(fake.client, () => 1234);
    await store.getState().load();

    const ok = await store
      .getState()
      .save({ ...saved, syncIntervalMinutes: 15, apiBudgetPercent: 75, oauthScopes: 'full' });
    expect(ok).toBe(true);
    expect(fake.calls.at(-1)).toEqual({
      method: 'settings:update',
      input: { syncIntervalMinutes: 15, apiBudgetPercent: 75, oauthScopes: 'full' },
    });
    expect(store.getState()).toMatchObject({
      settings: { ...saved, syncIntervalMinutes: 15, apiBudgetPercent: 75, oauthScopes: 'full' },
      saving: false,
      savedAt: 1234,
    });

    await store.getState().load();
    expect(store.getState().savedAt).toBeNull();
  });

  it('trims a pasted client id, and does not call the host when nothing changed', async () => {
    const host = hostSettings(saved);
    const fake = createFakeApiClient({ 'settings:get': host.get, 'settings:update': host.update });
    const store = createSettingsStore(fake.client);
    await store.getState().load();

    await store.getState().save({ ...saved, salesforceClientId: '  3MVG9abc\n' });
    expect(fake.calls.at(-1)?.input).toEqual({ salesforceClientId: '3MVG9abc' });

    const callsBefore = fake.calls.length;
    expect(await store.getState().save({ ...host.get(), salesforceClientId: '3MVG9abc ' })).toBe(
      true,
    );
    expect(fake.calls).toHaveLength(callsBefore);
  });

  it('keeps the saved settings and the host error with its code when a save fails', async () => {
    const fake = createFakeApiClient({
      'settings:get': () => saved,
      'settings:update': () => {
        throw fakeApiError('INVALID_INPUT', 'The sync interval must be 1 to 60 minutes.');
      },
    });
    const store = createSettingsStore(fake.client);
    await store.getState().load();
    expect(await store.getState().save({ ...saved, syncIntervalMinutes: 90 })).toBe(false);
    expect(store.getState()).toMatchObject({
      settings: saved,
      saving: false,
      savedAt: null,
      saveError: { code: 'INVALID_INPUT', message: 'The sync interval must be 1 to 60 minutes.' },
    });
    store.getState().dismissSaveError();
    expect(store.getState().saveError).toBeNull();
  });

  it('does not send a second save while one is on its way', async () => {
    const answer = deferred<UserSettings>();
    const fake = createFakeApiClient({
      'settings:get': () => saved,
      'settings:update': () => answer.promise,
    });
    const store = createSettingsStore(fake.client);
    await store.getState().load();
    const first = store.getState().save({ ...saved, syncIntervalMinutes: 10 });
    expect(store.getState().saving).toBe(true);
    expect(await store.getState().save({ ...saved, syncIntervalMinutes: 20 })).toBe(false);
    answer.resolve({ ...saved, syncIntervalMinutes: 10 });
    await first;
    expect(fake.calls.filter((c) => c.method === 'settings:update')).toHaveLength(1);
  });

  it('reports a failed load with its code', async () => {
    const store = createSettingsStore(createFakeApiClient().client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      settings: null,
      loading: false,
      loadError: { code: 'NOT_IMPLEMENTED' },
    });
  });
});
