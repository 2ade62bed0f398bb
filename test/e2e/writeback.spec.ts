import type { ConditionFieldInfo, LeadSummary } from '../../src-preload/contract';
import { connectAndImportDemoOrg } from './connect-demo-org';
import { pick } from './mantine-select';
import { expect, test } from './headless-host-fixture';

const WORKING = 'Working - Contacted';
const IMPORT_CHANNEL = 'Status changed to Working - Contacted';
const UPDATE_CHANNEL = 'Booked meetings go to their host';
const HOST = { email: 'alex.host@leadbridge.demo', name: 'Alex Host' };

test('a new user books a meeting in the Meetings view and sees the Lead’s Status, Owner and an Event on the demo org’s page within seconds', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(demoHost.uiUrl);
  await connectAndImportDemoOrg(page);
  const nav = page.getByRole('navigation');

  // The org's "meeting booked" Lead Status, as the describe offers it.
  const booked = 'Meeting Booked';
  const { fields } = await demoHost.callJson<{ fields: ConditionFieldInfo[] }>('channels:fields');
  expect(
    fields.find((field) => field.name === 'Status')?.picklistValues.map((value) => value.value),
  ).toContain(booked);

  // 1. Enable the example Import channel.
  await nav.getByRole('link', { name: 'Channels' }).click();
  const introCall = page.getByRole('region', { name: 'Intro call channels' });
  const importSwitch = introCall.getByRole('switch', { name: `Enable ${IMPORT_CHANNEL}` });
  // Mantine draws the switch over its (visually hidden) checkbox.
  await importSwitch.click({ force: true });
  await expect(importSwitch).toBeChecked();

  // 2. An Update channel: when booked, Status = <booked>, Owner = the host's Salesforce User.
  await introCall.getByRole('button', { name: 'New channel for Intro call' }).click();
  const editor = page.getByRole('dialog', { name: /^(New|Edit) channel$/ });
  await editor.getByRole('textbox', { name: 'Name' }).fill(UPDATE_CHANNEL);
  await editor
    .getByRole('radiogroup', { name: 'Kind' })
    .getByText('Update', { exact: true })
    .click();
  // A new Update channel fires on Booked unless told otherwise.
  const statuses = editor.getByRole('combobox', { name: 'Fires when an instance becomes' });
  await expect(statuses.locator('xpath=..')).toContainText('Booked');
  const writes = editor.getByRole('region', { name: 'Fields to write' });
  await writes.getByRole('button', { name: '+ Field to write' }).click();
  const status = writes.getByTestId('field-write').nth(0);
  await expect(status.getByRole('combobox', { name: 'Field' })).toHaveValue(/Status/);
  await pick(page, status.getByRole('combobox', { name: 'Value', exact: true }), booked);
  await writes.getByRole('button', { name: '+ Field to write' }).click();
  const owner = writes.getByTestId('field-write').nth(1);
  await pick(page, owner.getByRole('combobox', { name: 'Field' }), { apiName: 'OwnerId' });
  await expect(owner.getByRole('combobox', { name: 'Value from' })).toHaveValue(
    'The host’s Salesforce User',
  );
  await expect(editor.getByTestId('write-error')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByText('Saved (version 1), not enabled yet.')).toBeVisible();
  await editor.getByRole('button', { name: 'Enable', exact: true }).click();
  await expect(editor.getByTestId('channel-enabled-note')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/writeback-update-channel.png' });
  await editor.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(introCall.getByRole('switch', { name: `Enable ${UPDATE_CHANNEL}` })).toBeChecked();

  // 3. A rep works a Lead in Salesforce: the Import channel activates an instance.
  const { leads } = await demoHost.callJson<{ leads: LeadSummary[] }>('leads:search', {
    query: '',
    limit: 50,
  });
  const lead = leads.find(
    (candidate) => candidate.status !== WORKING && candidate.name && candidate.email,
  );
  if (!lead?.name || !lead.email) throw new Error('no lead to work among the first 50');
  if (!demoHost.demoOrgUrl) throw new Error('the host started without its demo org');
  const salesforce = await page.context().newPage();
  await salesforce.goto(demoHost.demoOrgUrl);
  await salesforce.locator('#search').fill(lead.email);
  const row = salesforce.locator('#rows tr', { hasText: lead.name }).first();
  await row.click();
  await salesforce.locator('#edit-form select[name="Status"]').selectOption(WORKING);
  await salesforce.locator('#edit-form').getByRole('button', { name: 'Save' }).click();
  await expect(salesforce.getByRole('status')).toContainText('Saved: ');
  await expect(salesforce.locator('#lead-owner')).not.toContainText(HOST.name);

  // 4. The Meetings view: the instance is there; the admin marks it booked.
  await nav.getByRole('link', { name: 'Meetings' }).click();
  const instance = page
    .getByRole('table', { name: 'Instances' })
    .getByRole('row')
    .filter({ hasText: lead.name });
  await expect(instance).toContainText('Activated', { timeout: 20_000 });
  await instance.click();
  const drawer = page.getByRole('dialog', { name: lead.name });
  const change = drawer.getByRole('region', { name: 'Change the status' });
  await change.getByRole('textbox', { name: 'Reason' }).fill('Booked on the phone');
  await change.getByRole('button', { name: 'Mark booked…' }).click();
  const booking = change.getByRole('region', { name: 'Booking' });
  await booking.getByLabel('Starts').fill('2030-01-15T10:00');
  // The meeting type's first host is offered first.
  await expect(booking.getByRole('combobox', { name: 'Host' })).toHaveValue(HOST.email);
  await booking
    .getByRole('textbox', { name: 'Meeting URL' })
    .fill('https://meet.example.com/intro-call');
  const bookedAt = Date.now();
  await booking.getByRole('button', { name: 'Mark booked' }).click();
  await expect(drawer.getByText('Booked', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/writeback-booked.png' });

  // 5. Within seconds, the demo org's page shows the new Status and Owner, and the Event.
  await expect(salesforce.locator('#lead-owner')).toContainText(HOST.name, { timeout: 10_000 });
  await expect(row).toContainText(booked);
  await expect(row).toContainText(HOST.name);
  const activities = salesforce.locator('#activities');
  await expect(activities.locator('li', { hasText: 'Event' })).toContainText('Intro call');
  await expect(activities.locator('li', { hasText: 'Event' })).toContainText(
    'https://meet.example.com/intro-call',
  );
  const seconds = (Date.now() - bookedAt) / 1000;
  test.info().annotations.push({ type: 'booked to visible', description: `${seconds} s` });
  await salesforce.screenshot({ path: 'test-results/screenshots/writeback-demo-org.png' });

  // The Outbox lists what was written to the Lead.
  await drawer.getByRole('button', { name: 'Close the history' }).click();
  await nav.getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('main').getByText(lead.name).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/writeback-outbox.png' });
  expect(problems).toEqual([]);
});
