import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { createFakePlatformHost } from '../../test-support/fake-platform-host';
import { bookingFixture } from '../../test-support/platform-fixtures';
import { buttonsLabelled, renderMarkup, visibleText } from '../../test-support/render-markup';
import { BookingsScreen } from './bookings-screen';

const failed = bookingFixture(3, {
  guest: { email: 'grace@example.com', name: 'Grace Hopper', company: 'Navy' },
  outcome: 'failed',
  record: null,
  event: null,
  error: {
    code: 'REQUIRED_FIELD_MISSING',
    message: 'Salesforce needs Region to create a Lead: map Region in Mapping, then Retry.',
  },
});
const created = bookingFixture(1, {
  guest: { email: 'ada@example.com', name: 'Ada', company: null },
});
const untouched = bookingFixture(2, {
  outcome: 'untouched',
  record: { kind: 'contact', id: '003000000000002AAA' },
  event: { state: 'pending', id: null },
});
/** An existing Lead booked under another name: the record is the Lead, not the guest. */
const existingLead = bookingFixture(5, {
  guest: { email: 'ravi@example.com', name: 'Somebody Else', company: 'Another Company Ltd' },
  outcome: 'untouched',
  record: { kind: 'lead', id: '00Q000000000000005', name: 'Ravi Petrov' },
});

async function shown(bookings = [failed, untouched, created]) {
  const host = createFakePlatformHost({ bookings });
  const stores = createAppStores(createFakeApiClient(host.handlers).client);
  await stores.bookings.getState().refresh();
  const html = () => renderMarkup(stores, BookingsScreen);
  return { stores, host, html, text: () => visibleText(html()) };
}

/** Every element (its markup, to its end) whose inline style has `declaration`. */
function elementsStyled(html: string, declaration: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(\w+)\b[^>]*style="([^"]*)"[^>]*>/g)) {
    if (!match[2]!.replace(/\s/g, '').includes(declaration)) continue;
    const start = match.index;
    const end = html.indexOf(`</${match[1]}>`, start);
    found.push(html.slice(start, end));
  }
  return found;
}

const rowOf = (html: string, id: number) => {
  const start = html.indexOf(`data-booking-id="${id}"`);
  return html.slice(start, html.indexOf('</tr>', start));
};

describe('Bookings screen', () => {
  it('shows a failed booking’s reason in words, with Retry on it alone', async () => {
    const { html } = await shown();
    const row = rowOf(html(), 3);
    expect(visibleText(row)).toContain(
      'Failed Salesforce needs Region to create a Lead: map Region in Mapping, then Retry.',
    );
    expect(visibleText(row)).not.toContain('REQUIRED_FIELD_MISSING');
    expect(row).toContain('title="Code REQUIRED_FIELD_MISSING"');
    expect(buttonsLabelled(row, 'Retry')).toHaveLength(1);
    expect(buttonsLabelled(html(), 'Retry')).toHaveLength(1);
  });

  it('shows each booking’s calendar, guest, outcome, record and Event', async () => {
    const { html } = await shown();
    const createdRow = visibleText(rowOf(html(), 1));
    expect(createdRow).toContain('Intro call');
    expect(createdRow).toContain('Meeting type “Intro call”');
    expect(createdRow).toContain('ada@example.com');
    expect(createdRow).toContain('Created');
    expect(createdRow).toContain('Lead 00Q000000000000001');
    expect(createdRow).toContain('Event created 00U000000000000001');
    const untouchedRow = visibleText(rowOf(html(), 2));
    expect(untouchedRow).toContain('Left untouched');
    expect(untouchedRow).toContain('Contact 003000000000002AAA');
    expect(untouchedRow).toContain('Event waiting to be created');
  });

  it('names the record by the cached Lead’s name, with its Id, as a link to its timeline', async () => {
    const { html } = await shown([existingLead, created]);
    const row = rowOf(html(), 5);
    expect(buttonsLabelled(row, 'Ravi Petrov')).toEqual([
      expect.stringContaining('title="Show the Lead’s timeline"'),
    ]);
    expect(visibleText(row)).toContain('Ravi Petrov Lead 00Q000000000000005');
    // A Lead just created is not cached yet: it is the guest's, by the Id.
    expect(buttonsLabelled(rowOf(html(), 1), 'Lead 00Q000000000000001')).toHaveLength(1);
  });

  it('never cuts an outcome short nor breaks a name or an Id inside a word', async () => {
    const { html } = await shown([existingLead]);
    const row = rowOf(html(), 5);
    // Only an email, one long word, may break anywhere to fit; first after its @.
    const emails = elementsStyled(row, 'overflow-wrap:anywhere');
    for (const element of emails) {
      expect(visibleText(element)).not.toMatch(/Somebody Else|Ravi Petrov|00Q|00U/);
    }
    expect(emails.join('')).toContain('ravi@<wbr/>example.com');
    // An Id is read (and copied) whole.
    expect(elementsStyled(row, 'white-space:nowrap').map(visibleText)).toEqual(
      expect.arrayContaining(['Lead 00Q000000000000005', '00U000000000000005']),
    );
    // A badge cuts its label with an ellipsis unless told otherwise.
    const label = elementsStyled(row, 'text-overflow:clip').map(visibleText);
    expect(label).toContain('Left untouched');
  });

  it('counts every outcome on the filter and lists only the chosen ones', async () => {
    const { stores, text, html } = await shown();
    expect(text()).toContain('Failed 1');
    expect(text()).toContain('Left untouched 1');
    await stores.bookings.getState().setOutcomes(['failed']);
    expect(html()).toContain('data-booking-id="3"');
    expect(html()).not.toContain('data-booking-id="1"');
    expect(text()).toContain('Show all');
  });

  it('tells a first-time admin how bookings arrive when there are none', async () => {
    const { text } = await shown([]);
    expect(text()).toContain('No booking received yet.');
  });

  it('after Retry, the booking waits to be posted again and the note says so', async () => {
    const { stores, html } = await shown();
    await stores.bookings.getState().retry([3]);
    expect(visibleText(rowOf(html(), 3))).toContain('Waiting');
    expect(buttonsLabelled(html(), 'Retry')).toHaveLength(0);
    expect(visibleText(html())).toContain('posted again with the settings as they are now');
  });

  it('offers to retry every failed booking shown at once, after the cause is fixed', async () => {
    const second = bookingFixture(4, { ...failed, id: 4, externalId: 'evt-4' });
    const { stores, html, host } = await shown([failed, second, created]);
    expect(buttonsLabelled(html(), 'Retry 2 failed bookings')).toHaveLength(1);
    await stores.bookings.getState().retry([3, 4]);
    expect(host.state.bookings.filter((booking) => booking.outcome === 'pending')).toHaveLength(2);
    expect(buttonsLabelled(html(), 'Retry 2 failed bookings')).toHaveLength(0);
  });
});
