import { describe, expect, it } from 'vitest';
import type { FieldMapping } from '../../src-preload/contract';
import { createFakeApiClient, fakeApiError } from '../test-support/fake-api-client';
import { createFakePlatformHost } from '../test-support/fake-platform-host';
import { mappingFieldFixture } from '../test-support/platform-fixtures';
import { createMappingStore } from './mapping-store';

async function openedStore(host = createFakePlatformHost()) {
  const fake = createFakeApiClient(host.handlers);
  const store = createMappingStore(fake.client, 0);
  await store.getState().load();
  await store.getState().validateNow();
  return { store, fake, host };
}

/** The default mapping with one more Lead row, checked: its errors point at index `rowIndex`. */
async function checkedWithExtraRow(row: FieldMapping) {
  const { store } = await openedStore();
  const rowIndex = store.getState().draft.leadMapping.length;
  store.getState().setRows('Lead', [...store.getState().draft.leadMapping, row]);
  await store.getState().validateNow();
  return { store, rowIndex };
}

const saves = (fake: ReturnType<typeof createFakeApiClient>) =>
  fake.calls.filter((call) => call.method === 'booking-settings:save');

describe('mapping store', () => {
  it('starts a fresh default from the guest’s facts, valid as it is, and saves it', async () => {
    const { store, host } = await openedStore();
    const { draft, errors, dirty } = store.getState();
    expect(draft.calendarId).toBeNull();
    expect(draft.leadMapping.map((row) => row.field)).toEqual([
      'LastName',
      'FirstName',
      'Company',
      'Email',
      'Phone',
    ]);
    expect(errors).toEqual([]);
    expect(dirty).toBe(true);
    expect(await store.getState().save()).toBe(true);
    expect(host.state.settings).toEqual([draft]);
    expect(store.getState()).toMatchObject({ dirty: false });
    expect(store.getState().savedNote).toMatch(/calendars without their own settings/);
  });

  it('shows a required field left unmapped for the whole mapping and refuses to save until it is mapped', async () => {
    const { store, fake } = await openedStore();
    const rows = store.getState().draft.leadMapping;
    store.getState().setRows(
      'Lead',
      rows.filter((row) => row.field !== 'Company'),
    );
    await store.getState().validateNow();
    expect(store.getState().errors).toEqual([
      expect.objectContaining({
        object: 'Lead',
        index: null,
        field: 'Company',
        code: 'REQUIRED_FIELD_UNMAPPED',
      }),
    ]);
    expect(await store.getState().save()).toBe(false);
    expect(saves(fake)).toHaveLength(0);

    // Creating off: a required field no longer has to be mapped.
    store.getState().edit({ createWhenMissing: false, overwriteWhenFound: true });
    await store.getState().validateNow();
    expect(store.getState().errors).toEqual([]);
    expect(await store.getState().save()).toBe(true);
  });

  it('puts a row’s error at its row: a picklist value the field does not have', async () => {
    const { store, rowIndex } = await checkedWithExtraRow({
      field: 'LeadSource',
      source: { kind: 'fixed', value: 'Carrier pigeon' },
    });
    expect(store.getState().errors).toEqual([
      expect.objectContaining({ index: rowIndex, code: 'PICKLIST_VALUE_UNKNOWN' }),
    ]);
  });

  it('shows the host’s refusal to save and checks the mapping again', async () => {
    const { store, host } = await openedStore();
    // Salesforce made a field required since the last check.
    host.state.fields.Lead.push(
      mappingFieldFixture('Region__c', { label: 'Region', required: true }),
    );
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().saveError?.code).toBe('MAPPING_INVALID');
    await store.getState().validateNow();
    expect(store.getState().errors.map((error) => error.field)).toEqual(['Region__c']);
  });

  it('opens a calendar without its own settings on a copy of the default, and Remove returns it there', async () => {
    const { store, host } = await openedStore();
    store.getState().edit({ createEvent: false });
    await store.getState().validateNow();
    await store.getState().save();

    store.getState().select('cal-intro');
    expect(store.getState().draft).toMatchObject({ calendarId: 'cal-intro', createEvent: false });
    store.getState().edit({ overwriteWhenFound: true });
    await store.getState().validateNow();
    await store.getState().save();
    expect(host.state.settings.map((saved) => saved.calendarId)).toEqual([null, 'cal-intro']);
    expect(store.getState().savedNote).toContain('“Intro call”');

    await store.getState().removeSaved();
    expect(host.state.settings.map((saved) => saved.calendarId)).toEqual([null]);
    expect(store.getState().draft).toMatchObject({
      calendarId: 'cal-intro',
      overwriteWhenFound: false,
    });
  });

  it('tests with a sample booking without writing: the record and the Event it would make', async () => {
    const { store, fake } = await openedStore();
    await store.getState().runPreview();
    const { preview } = store.getState();
    expect(preview?.create).toEqual({
      object: 'Lead',
      values: expect.objectContaining({ LastName: 'Lovelace', Email: 'ada@example.com' }),
    });
    expect(preview?.overwrite).toBeNull();
    expect(preview?.event).toMatchObject({ Subject: 'Intro call: Ada Lovelace' });
    expect(saves(fake)).toHaveLength(0);

    store.getState().edit({ createEvent: false });
    expect(store.getState().previewStale).toBe(true);
  });

  it('reports an answer row with no question at its row, not as a refused call', async () => {
    const { store, rowIndex } = await checkedWithExtraRow({
      field: 'Original_Source__c',
      source: { kind: 'booking', field: 'answer', label: ' ' },
    });
    expect(store.getState().validateError).toBeNull();
    expect(store.getState().errors).toEqual([
      expect.objectContaining({ index: rowIndex, code: 'ANSWER_LABEL_MISSING' }),
    ]);
  });
});

describe('mapping store, coming back to the screen', () => {
  it('keeps the calendar being edited and the changes not saved yet', async () => {
    const { store } = await openedStore();
    await store.getState().save();
    store.getState().select('cal-demo');
    store.getState().edit({ createEvent: false });
    await store.getState().load();
    expect(store.getState().draft).toMatchObject({ calendarId: 'cal-demo', createEvent: false });
    expect(store.getState().dirty).toBe(true);
  });
});

describe('mapping store without Contact fields', () => {
  it('still opens the Lead mapping, and keeps why the Contact fields could not be read', async () => {
    const host = createFakePlatformHost();
    const fake = createFakeApiClient({
      ...host.handlers,
      'mapping:fields': (input) => {
        if (input?.object === 'Contact') {
          throw fakeApiError('DESCRIBE_MISSING', 'Contact is not described yet: sync once.');
        }
        return host.handlers['mapping:fields'](input);
      },
    });
    const store = createMappingStore(fake.client, 0);
    await store.getState().load();
    expect(store.getState().loaded).toBe(true);
    expect(store.getState().fields.Lead.length).toBeGreaterThan(0);
    expect(store.getState().fieldsErrors.Contact?.code).toBe('DESCRIBE_MISSING');
  });
});
