import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelFixture } from '../../test/support/channel-answers-fixture';
import {
  channelDraftSchema,
  type ChannelDraft,
  type ChannelPreview,
  type ChannelRuleError,
  type MethodOutput,
} from '../../src-preload/contract';
import { createFakeApiClient, deferred, fakeApiError } from '../test-support/fake-api-client';
import { checkDraft, createChannelEditorStore } from './channel-editor-store';

const unknownField: ChannelRuleError = {
  path: [0],
  code: 'FIELD_UNKNOWN',
  message: 'Lead has no field Stauts; choose another field.',
};

/** The host parses what it is sent, as the contract dispatcher does. */
const parse = (input: unknown) => channelDraftSchema.parse(input);

/** A host whose validation flags any rule on a field called Stauts. */
function host() {
  return createFakeApiClient({
    'channels:validate': (input) => ({
      errors: parse(input).rules.conditions.rules.some((r) => 'field' in r && r.field === 'Stauts')
        ? [unknownField]
        : [],
    }),
    'channels:preview': (): ChannelPreview => ({
      cachedLeads: 1000,
      matchingNow: 12,
      wouldHaveFired: 3,
      eventsScanned: 40,
      examples: [],
      errors: [],
    }),
    'channels:create': (input) => channelFixture(7, { ...parse(input), enabled: false }),
    'channels:update': (input) =>
      channelFixture(input!.channelId, { ...parse(input!.draft), version: 2 }),
  });
}

const rule = (field: string) => ({ field, operator: 'changed_to' as const, value: 'Working' });

function openNamed(store: ReturnType<typeof createChannelEditorStore>) {
  store.getState().openNew({ meetingTypeId: 1, timeZone: 'Europe/Berlin' });
  store.getState().edit({ name: 'Working leads' });
}

afterEach(() => vi.useRealTimers());

describe('channel editor store', () => {
  it('starts a new channel as an Import that activates, in the browser’s time zone', () => {
    const store = createChannelEditorStore(host().client);
    store.getState().openNew({ meetingTypeId: 3, timeZone: 'Asia/Tokyo' });
    expect(store.getState()).toMatchObject({
      opened: true,
      channelId: null,
      draft: {
        meetingTypeId: 3,
        kind: 'import',
        action: 'initialize_and_activate',
        rules: { trigger: 'becomes_true', timeZone: 'Asia/Tokyo' },
      },
    });
  });

  it('validates once after a pause in the editing, and shows the errors at their rules', async () => {
    vi.useFakeTimers();
    const fake = host();
    const store = createChannelEditorStore(fake.client, 400);
    openNamed(store);
    store.getState().editRules({ conditions: { combinator: 'and', rules: [rule('Statu')] } });
    store.getState().editRules({ conditions: { combinator: 'and', rules: [rule('Stauts')] } });
    expect(store.getState().validating).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    const validations = fake.calls.filter((c) => c.method === 'channels:validate');
    expect(validations).toHaveLength(1);
    expect((validations[0]!.input as ChannelDraft).name).toBe('Working leads');
    expect(store.getState()).toMatchObject({ validating: false, ruleErrors: [unknownField] });
  });

  it('drops a validation answer for a draft the admin has since changed', async () => {
    const slow = deferred<MethodOutput<'channels:validate'>>();
    const fake = createFakeApiClient({ 'channels:validate': () => slow.promise });
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    const first = store.getState().validateNow();
    store.getState().edit({ name: 'Renamed' });
    slow.resolve({ errors: [unknownField] });
    await first;
    expect(store.getState().ruleErrors).toEqual([]);
    expect(store.getState().validating).toBe(true);
  });

  it('says what the form lacks without asking the host', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client);
    store.getState().openNew({ meetingTypeId: null, timeZone: 'UTC' });
    await store.getState().validateNow();
    expect(store.getState().formErrors).toEqual({
      name: 'a channel needs a name',
      meetingTypeId: 'Choose the meeting type this channel belongs to.',
    });
    expect(fake.calls).toEqual([]);
    // Nothing was touched or tried yet: the form does not show them in red.
    expect(store.getState()).toMatchObject({ touched: {}, attempted: false });
    store.getState().edit({ name: '' });
    expect(store.getState().touched).toEqual({ name: true });
    await store.getState().save();
    expect(store.getState().attempted).toBe(true);
  });

  it('refuses an Intercept that would initialize (the action must fit the kind)', () => {
    const checked = checkDraft({
      meetingTypeId: 1,
      name: 'Stop',
      kind: 'intercept',
      action: 'initialize',
      interceptScope: 'all',
      rules: {
        conditions: { combinator: 'and', rules: [] },
        trigger: 'every_time',
        timeZone: 'UTC',
      },
    });
    expect(checked.draft).toBeNull();
    expect(checked.formErrors.action).toMatch(/Intercept channel deactivates/);
  });

  it('previews on demand and marks the preview stale when the draft changes', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    await store.getState().runPreview();
    expect(store.getState()).toMatchObject({
      preview: { matchingNow: 12, wouldHaveFired: 3 },
      previewStale: false,
    });
    store.getState().editRules({ trigger: 'every_time' });
    expect(store.getState().previewStale).toBe(true);
  });

  it('creates the channel, then saves the next version over the same id', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    store.getState().editRules({ conditions: { combinator: 'and', rules: [rule('Status')] } });
    const created = await store.getState().save();
    expect(created).toMatchObject({ id: 7, enabled: false, name: 'Working leads' });
    expect(store.getState().channelId).toBe(7);
    const updated = await store.getState().save();
    expect(updated?.version).toBe(2);
    expect(fake.calls.map((c) => c.method)).toEqual(['channels:create', 'channels:update']);
  });

  it('keeps the host’s refusal to save for the editor to show', async () => {
    const fake = createFakeApiClient({
      'channels:create': () => {
        throw fakeApiError('CHANNEL_INVALID', 'Fix the rules marked in red, then save.');
      },
    });
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    expect(await store.getState().save()).toBeNull();
    expect(store.getState()).toMatchObject({
      saving: false,
      channelId: null,
      saveError: { code: 'CHANNEL_INVALID' },
    });
  });

  it('opens a saved channel with its rules and validates them at once', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client);
    store.getState().openExisting(channelFixture(4, { name: 'Old' }));
    expect(store.getState()).toMatchObject({ channelId: 4, draft: { name: 'Old' } });
    await vi.waitFor(() => expect(fake.calls.map((c) => c.method)).toEqual(['channels:validate']));
  });

  it('makes an Update channel fire on a booking, and drops its writes when the kind changes back', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    store.getState().setKind('update', 'write_fields');
    expect(store.getState().draft).toMatchObject({
      kind: 'update',
      action: 'write_fields',
      update: { statuses: ['booked'], writes: [] },
    });
    store.getState().editUpdate({
      writes: [{ field: 'Status', source: 'fixed', value: 'Meeting Booked' }],
    });
    store.getState().editUpdate({ statuses: ['booked', 'rescheduled'] });
    // An empty filter is every Lead: the draft is complete without conditions.
    await store.getState().validateNow();
    expect(store.getState().formErrors).toEqual({});
    expect(fake.calls.at(-1)?.input).toMatchObject({
      kind: 'update',
      update: {
        statuses: ['booked', 'rescheduled'],
        writes: [{ field: 'Status', source: 'fixed', value: 'Meeting Booked' }],
      },
    });

    store.getState().setKind('import', 'initialize');
    expect(store.getState().draft).not.toHaveProperty('update');
    expect(checkDraft(store.getState().draft).draft).not.toBeNull();
  });

  it('says an Update channel needs a status and a complete write before asking the host', async () => {
    const fake = host();
    const store = createChannelEditorStore(fake.client, 10_000);
    openNamed(store);
    store.getState().setKind('update', 'write_fields');
    store.getState().editUpdate({ statuses: [] });
    await store.getState().validateNow();
    expect(store.getState().formErrors).toEqual({
      statuses: 'Choose the status that fires it.',
      writes: 'Add a field to write.',
    });
    store.getState().editUpdate({
      statuses: ['booked'],
      writes: [
        { field: 'Status', source: 'fixed', value: 'Meeting Booked' },
        { field: '', source: 'host_user' },
      ],
    });
    await store.getState().validateNow();
    expect(store.getState().formErrors).toEqual({
      writes: 'Complete write 2: choose its field and where its value comes from.',
    });
    expect(fake.calls).toEqual([]);
    expect(store.getState().touched).toMatchObject({ statuses: true, writes: true });
  });

  it('opens a saved Update channel with its statuses and writes', () => {
    const store = createChannelEditorStore(host().client, 10_000);
    const update = {
      statuses: ['booked' as const],
      writes: [{ field: 'OwnerId', source: 'host_user' as const }],
    };
    store
      .getState()
      .openExisting(channelFixture(5, { kind: 'update', action: 'write_fields', update }));
    expect(store.getState().draft).toMatchObject({ kind: 'update', update });
  });
});
