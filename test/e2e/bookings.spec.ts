import type { Page } from '@playwright/test';
import type { LeadSummary } from '../../src-preload/contract';
import { bookOnSchedulerPage } from './book-on-demo-scheduler';
import { connectAndImportDemoOrg } from './connect-demo-org';
import { pick } from './mantine-select';
import { expect, test } from './headless-host-fixture';

const CALENDAR = 'Intro call';
const UPDATE_CHANNEL = 'When booked: Status = Meeting Booked, Owner = host';
const HOST = 'Alex Host';
const TITLE = 'Booked on the demo scheduler';
const GUEST = {
  name: 'Mika Newguest',
  email: `mika.newguest.${Date.now()}@example.com`,
  company: 'Newguest KK',
};

/** The demo org's page on one Lead, found by email: its row, owner and activities. */
async function openOrgLead(page: Page, email: string) {
  await page.locator('#search').fill(email);
  const row = page.locator('#rows tr', { hasText: email });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await row.click();
  // The selected Lead's own activities, not the previous selection's.
  await expect(page.locator('#activities')).toHaveAttribute('aria-busy', 'false');
  return row;
}

// Tall enough for the Mapping screen's settings, rows and sample booking in one screenshot.
test.use({ viewport: { width: 1280, height: 1500 } });

test('a new user maps the demo calendar, books as a new guest and as an existing Lead, and sees each booking posted within seconds', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  if (!demoHost.demoOrgUrl || !demoHost.demoSchedulerUrl)
    throw new Error('the host started without its demo org or scheduler');

  await page.goto(demoHost.uiUrl);
  await connectAndImportDemoOrg(page);
  const nav = page.getByRole('navigation');

  // 1. The example Update channel writes the booked Lead's Status and Owner.
  await nav.getByRole('link', { name: 'Channels' }).click();
  const updateSwitch = page
    .getByRole('region', { name: 'Intro call channels' })
    .getByRole('switch', { name: `Enable ${UPDATE_CHANNEL}` });
  await updateSwitch.click({ force: true });
  await expect(updateSwitch).toBeChecked();

  // 2. Mapping: the demo calendar gets its own settings (a copy of the default) plus a Title.
  await nav.getByRole('link', { name: 'Mapping' }).click();
  const settings = page.getByRole('region', { name: 'Booking settings' });
  await pick(
    page,
    settings.getByRole('combobox', { name: 'Booking calendar' }),
    `${CALENDAR} — meeting type “${CALENDAR}”`,
  );
  await expect(
    settings.getByRole('switch', { name: /^Overwrite the mapped fields/ }),
  ).not.toBeChecked();
  await expect(settings.getByRole('switch', { name: /^Create an Event/ })).toBeChecked();
  const leadRows = page.getByRole('region', { name: 'Lead fields to fill' });
  // The copy of the default: the guest's name, email and company make the Lead.
  await expect(leadRows.getByRole('combobox', { name: 'Field' }).first()).toHaveValue(
    'Last Name (LastName)',
  );
  await leadRows.getByRole('button', { name: '+ Field' }).click();
  const added = leadRows.locator('tbody tr').last();
  await pick(page, added.getByRole('combobox', { name: 'Field' }), { apiName: 'Title' });
  await pick(page, added.getByRole('combobox', { name: 'From' }), 'A fixed value');
  await added.getByLabel('Fixed value').fill(TITLE);
  await added.getByLabel('Fixed value').press('Tab');
  await expect(page.getByTestId('mapping-state')).toHaveText('Ready to save');
  await expect(page.getByTestId('mapping-row-error')).toHaveCount(0);
  const actions = page.getByRole('region', { name: 'Save the mapping' });
  await actions.getByRole('button', { name: 'Test with a sample booking' }).click();
  await expect(page.getByRole('region', { name: 'Test with a sample booking' })).toContainText(
    TITLE,
    { timeout: 15_000 },
  );
  await actions.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('mapping-saved-note')).toBeVisible();
  await expect(page.getByTestId('calendar-note')).toHaveText('This calendar has its own settings.');
  await page.screenshot({ path: 'test-results/screenshots/bookings-mapping.png' });

  // 3. A new guest books on the scheduler's page.
  const scheduler = await page.context().newPage();
  const bookedAt = Date.now();
  await bookOnSchedulerPage(scheduler, demoHost.demoSchedulerUrl, CALENDAR, GUEST);

  // 4. Within seconds: the booking in Bookings, a Lead created, its Event created.
  await nav.getByRole('link', { name: 'Bookings' }).click();
  const bookings = page.getByRole('table', { name: 'Bookings' });
  const newBooking = bookings.getByRole('row').filter({ hasText: GUEST.email });
  await expect(newBooking).toContainText('Created', { timeout: 15_000 });
  await expect(newBooking).toContainText('Event created', { timeout: 15_000 });
  await expect(newBooking).toContainText(`Meeting type “${CALENDAR}”`);
  test.info().annotations.push({
    type: 'booked to posted',
    description: `${(Date.now() - bookedAt) / 1000} s`,
  });

  // The demo org's page: the new Lead with the mapped fields, its Event, and the Update
  // channel's writes (Status and Owner).
  const salesforce = await page.context().newPage();
  await salesforce.goto(demoHost.demoOrgUrl);
  const newLead = await openOrgLead(salesforce, GUEST.email);
  await expect(newLead).toContainText(GUEST.company);
  await expect(salesforce.locator('#edit-form input[name="Title"]')).toHaveValue(TITLE);
  const events = salesforce.locator('#activities li', { hasText: 'Event' });
  await expect(events).toHaveCount(1, { timeout: 15_000 });
  await expect(events).toContainText(CALENDAR);
  // The Lead was not cached when its instance became booked: the channel's firing waited for
  // the sync the post asked for, then wrote.
  await expect(newLead).toContainText('Meeting Booked', { timeout: 15_000 });
  await expect(salesforce.locator('#lead-owner')).toContainText(HOST, { timeout: 5_000 });
  test.info().annotations.push({
    type: 'booked to the Update channel’s writes',
    description: `${(Date.now() - bookedAt) / 1000} s`,
  });
  await salesforce.screenshot({ path: 'test-results/screenshots/bookings-new-lead.png' });

  // Meetings: the instance booked; Outbox: the Update channel's writes to the new Lead.
  await nav.getByRole('link', { name: 'Meetings' }).click();
  await expect(
    page.getByRole('table', { name: 'Instances' }).getByRole('row').filter({ hasText: GUEST.name }),
  ).toContainText('Booked', { timeout: 15_000 });
  await nav.getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('main').getByText(GUEST.name).first()).toBeVisible();

  // 5. An existing Lead books with another name and company: overwrite is off, so the Lead is
  // left as it was, and its Event is added.
  const { leads } = await demoHost.callJson<{ leads: LeadSummary[] }>('leads:search', {
    query: '',
    limit: 50,
  });
  const existing = leads.find(
    (lead) =>
      !lead.isConverted && lead.email !== GUEST.email && lead.email && lead.name && lead.company,
  );
  if (!existing?.email || !existing.name || !existing.company)
    throw new Error('no Lead with a name, an email and a company among the first 50');
  const existingLead = await openOrgLead(salesforce, existing.email);
  const existingEvents = salesforce.locator('#activities li', { hasText: 'Event' });
  await expect(salesforce.locator('#lead-owner')).not.toHaveText('');
  const eventsBefore = await existingEvents.count();
  await bookOnSchedulerPage(scheduler, demoHost.demoSchedulerUrl, CALENDAR, {
    name: 'Somebody Else',
    email: existing.email,
    company: 'Another Company Ltd',
  });
  await nav.getByRole('link', { name: 'Bookings' }).click();
  const secondBooking = bookings.getByRole('row').filter({ hasText: existing.email });
  await expect(secondBooking).toContainText('Left untouched', { timeout: 15_000 });
  await expect(secondBooking).toContainText('Event created', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screenshots/bookings-list.png' });

  await expect(existingEvents).toHaveCount(eventsBefore + 1, { timeout: 15_000 });
  await expect(existingLead).toContainText(existing.name);
  await expect(existingLead).toContainText(existing.company);
  await expect(existingLead).not.toContainText('Another Company Ltd');
  await salesforce.screenshot({ path: 'test-results/screenshots/bookings-existing-lead.png' });
  expect(problems).toEqual([]);
});
