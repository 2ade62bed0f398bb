import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import {
  createFakeApiClient,
  deferred,
  type FakeHandlers,
} from '../../test-support/fake-api-client';
import { createFakePlatformHost } from '../../test-support/fake-platform-host';
import {
  buttonsLabelled,
  isDisabled,
  renderMarkup,
  visibleText,
} from '../../test-support/render-markup';
import { calendarOptions } from './mapping-look';
import { MappingScreen } from './mapping-screen';

async function shown(host = createFakePlatformHost(), handlers: FakeHandlers = host.handlers) {
  const fake = createFakeApiClient(handlers);
  const stores = createAppStores(fake.client);
  const mapping = stores.mapping;
  await mapping.getState().load();
  await mapping.getState().validateNow();
  const html = () => renderMarkup(stores, MappingScreen);
  return { mapping, fake, host, html, text: () => visibleText(html()) };
}

/** The first test answers only when the test calls `release`: a slow host. */
async function shownWithSlowPreview() {
  const host = createFakePlatformHost();
  const gate = deferred<void>();
  const slow: FakeHandlers = {
    ...host.handlers,
    'booking-settings:preview': async (input) => {
      await gate.promise;
      return host.handlers['booking-settings:preview'](input);
    },
  };
  return { ...(await shown(host, slow)), release: () => gate.resolve() };
}

const rowOf = (html: string, key: string) => {
  const start = html.indexOf(`data-mapping-row="${key}"`);
  return html.slice(start, html.indexOf('</tr>', start));
};

describe('Mapping screen', () => {
  it('marks required fields and refuses Save while one is unmapped, saying which', async () => {
    const { mapping, html } = await shown();
    expect(visibleText(rowOf(html(), 'Lead-0'))).toContain('Required');
    expect(isDisabled(buttonsLabelled(html(), 'Save')[0])).toBe(false);

    const rows = mapping.getState().draft.leadMapping;
    mapping.getState().setRows(
      'Lead',
      rows.filter((row) => row.field !== 'Company'),
    );
    await mapping.getState().validateNow();
    const text = visibleText(html());
    expect(text).toContain('Company must be given to create a Lead: map it, or turn off creating.');
    expect(text).toContain('1 problem to fix before saving');
    expect(text).not.toContain('REQUIRED_FIELD_UNMAPPED');
    expect(isDisabled(buttonsLabelled(html(), 'Save')[0])).toBe(true);
    expect(buttonsLabelled(html(), 'Map Company')).toHaveLength(1);
  });

  it('shows a row’s error at its row and which mode writes each field', async () => {
    const { mapping, html } = await shown();
    mapping.getState().edit({ overwriteWhenFound: true });
    const rows = mapping.getState().draft.leadMapping;
    mapping
      .getState()
      .setRows('Lead', [
        ...rows,
        { field: 'LeadSource', source: { kind: 'fixed', value: 'Carrier pigeon' } },
        { field: 'Original_Source__c', source: { kind: 'booking', field: 'calendar_name' } },
      ]);
    await mapping.getState().validateNow();
    const picklistRow = visibleText(rowOf(html(), `Lead-${rows.length}`));
    expect(picklistRow).toContain('“Carrier pigeon” is not a value of Lead Source.');
    expect(picklistRow).toContain('Creating and overwriting');
    expect(visibleText(rowOf(html(), `Lead-${rows.length + 1}`))).toContain(
      'Creating only (not updateable)',
    );
    expect(visibleText(rowOf(html(), 'Lead-0'))).not.toContain('not a value');
  });

  it('shows both objects’ rows for “Contact if one exists, else Lead”, and only Lead’s for Lead', async () => {
    const { mapping, text } = await shown();
    expect(text()).toContain('Lead fields');
    expect(text()).not.toContain('Contact fields Written');
    mapping.getState().edit({ objectToLink: 'contact_else_lead', overwriteWhenFound: true });
    expect(text()).toContain('Contact fields Written on a Contact Leadbridge finds');
    expect(text()).toContain(
      'Lead fields Written on a Lead Leadbridge creates and on one it finds',
    );
  });

  it('tests with a sample booking: the record and the Event, and nothing saved', async () => {
    const { mapping, fake, text } = await shown();
    await mapping.getState().runPreview();
    const shownText = text();
    expect(shownText).toContain('Nothing was written to Salesforce.');
    expect(shownText).toContain('A new Lead Last Name “Lovelace”');
    expect(shownText).toContain('No record overwritten');
    expect(shownText).toContain('A new Event Subject “Intro call: Ada Lovelace”');
    // The Event's times as the admin's clock reads them, not as the API's codes.
    expect(shownText).toMatch(/Start “[^”]*2026[^”]*” End “/);
    expect(shownText).not.toContain('2026-12-02T');
    expect(fake.calls.some((call) => call.method === 'booking-settings:save')).toBe(false);
  });

  it('shows the test’s result when a check of the settings ran while it was on its way', async () => {
    const { mapping, text, release } = await shownWithSlowPreview();
    const rows = mapping.getState().draft.leadMapping;
    mapping
      .getState()
      .setRows('Lead', [...rows, { field: 'LeadSource', source: { kind: 'fixed', value: 'Web' } }]);
    const testing = mapping.getState().runPreview();
    // The check scheduled by typing the value runs while the test is on its way.
    await mapping.getState().validateNow();
    release();
    await testing;
    expect(text()).toContain('Lead Source “Web”');
    expect(text()).not.toContain('The settings changed since this test');
  });

  it('shows the test for the settings as they are when it answers, after an edit made meanwhile', async () => {
    const { mapping, text, release } = await shownWithSlowPreview();
    const rows = mapping.getState().draft.leadMapping;
    const withSource = (value: string) =>
      mapping
        .getState()
        .setRows('Lead', [...rows, { field: 'LeadSource', source: { kind: 'fixed', value } }]);
    withSource('Web');
    const testing = mapping.getState().runPreview();
    withSource('Scheduler');
    release();
    await testing;
    expect(text()).toContain('Lead Source “Scheduler”');
    expect(text()).not.toContain('Lead Source “Web”');
    expect(text()).not.toContain('The settings changed since this test');
  });

  it('lists every Lead field with label, API name, type, createable, updateable, formula and channels', async () => {
    const { html } = await shown();
    const rowFor = (name: string) => {
      const markup = html();
      const start = markup.indexOf('>', markup.indexOf(`data-field="${name}"`)) + 1;
      return visibleText(markup.slice(start, markup.indexOf('</tr>', start)));
    };
    expect(rowFor('Score__c')).toBe('Score Score__c double — — Yes —');
    expect(rowFor('LeadSource')).toBe('Lead Source LeadSource picklist(255) Yes Yes — Web leads');
    expect(rowFor('LastName')).toBe('Last Name Required LastName string(80) Yes Yes — —');
  });

  it('offers the default first, then each calendar with its meeting type and whether it has its own settings', () => {
    expect(
      calendarOptions(
        [
          { id: 'cal-intro', name: 'Intro call', meetingType: { id: 1, name: 'Intro' } },
          { id: 'cal-demo', name: 'Demo', meetingType: null },
        ],
        [{ calendarId: null }, { calendarId: 'cal-demo' }],
      ).map((option) => option.label),
    ).toEqual([
      'Default (every calendar without its own settings)',
      'Intro call — meeting type “Intro”',
      'Demo — no meeting type · own settings',
    ]);
  });

  it('warns that a calendar no meeting type stands for moves no instance', async () => {
    const { mapping, text } = await shown();
    mapping.getState().select('cal-intro');
    expect(text()).not.toContain('No meeting type stands for this calendar');
    mapping.getState().select('cal-demo');
    expect(text()).toContain('No meeting type stands for this calendar');
  });
});
