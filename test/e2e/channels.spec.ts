import type { Locator } from '@playwright/test';
import type { LeadSummary } from '../../src-preload/contract';
import { connectAndImportDemoOrg } from './connect-demo-org';
import { pick } from './mantine-select';
import { expect, test } from './headless-host-fixture';

const WORKING = 'Working - Contacted';
const CHANNEL = 'Working leads in US and Canada';

/** A rule of the builder by its react-querybuilder path (`[0]`, `[1]`, …). */
function ruleAt(editor: Locator, index: number): Locator {
  return editor.locator(`[data-path="[${index}]"]`);
}

test('a new user builds an Import channel with the rule builder, enables it, and a Salesforce edit activates an instance', async ({
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

  // The demo starts with a meeting type and a disabled example channel.
  await nav.getByRole('link', { name: 'Channels' }).click();
  const introCall = page.getByRole('region', { name: 'Intro call channels' });
  await expect(introCall.getByRole('table', { name: 'Channels' })).toBeVisible();
  await expect(introCall.getByRole('switch').first()).not.toBeChecked();

  await introCall.getByRole('button', { name: 'New channel for Intro call' }).click();
  const editor = page.getByRole('dialog', { name: /^(New|Edit) channel$/ });
  await editor.getByRole('textbox', { name: 'Name' }).fill(CHANNEL);
  await expect(editor.getByRole('combobox', { name: 'Meeting type' })).toHaveValue('Intro call');
  await expect(
    editor.getByRole('radio', { name: 'When the conditions become true' }),
  ).toBeChecked();

  // Status changed to Working - Contacted …
  await editor.getByRole('button', { name: '+ Rule' }).click();
  const status = ruleAt(editor, 0);
  await pick(page, status.getByRole('combobox', { name: 'Field' }), { apiName: 'Status' });
  await pick(page, status.getByRole('combobox', { name: 'Operator' }), 'changed to');
  await pick(page, status.getByRole('combobox', { name: 'Value' }), WORKING);

  // … AND Country is any of (US, CA): Country is a text field, so the values are typed.
  await editor.getByRole('button', { name: '+ Rule' }).first().click();
  const country = ruleAt(editor, 1);
  await pick(page, country.getByRole('combobox', { name: 'Field' }), { apiName: 'Country' });
  await pick(page, country.getByRole('combobox', { name: 'Operator' }), 'is any of');
  const values = country.getByRole('combobox', { name: 'Values' });
  for (const code of ['US', 'CA']) {
    await values.fill(code);
    await values.press('Enter');
  }
  await expect(editor.getByTestId('rule-error')).toHaveCount(0);
  await expect(editor.getByText('Ready to save. A new channel is saved disabled.')).toBeVisible({
    timeout: 10_000,
  });

  await editor.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = editor.getByTestId('channel-preview');
  await expect(preview).toContainText('cached Leads match now');
  await expect(preview).toContainText('in the last 7 days');
  await expect(editor).toBeInViewport();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/channels-editor.png' });

  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByText('Saved (version 1), not enabled yet.')).toBeVisible();
  await editor.getByRole('button', { name: 'Enable', exact: true }).click();
  await expect(editor.getByTestId('channel-enabled-note')).toBeVisible();
  await editor.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(introCall.getByRole('switch', { name: `Enable ${CHANNEL}` })).toBeChecked();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(
    introCall.getByRole('row').filter({ hasText: CHANNEL }).getByTestId('channel-conditions'),
  ).toHaveText('Status changed to Working - Contacted AND Country is any of US, CA');
  await page.screenshot({ path: 'test-results/screenshots/channels-list.png' });

  // A rep qualifies a North American Lead in Salesforce.
  const { leads } = await demoHost.callJson<{ leads: LeadSummary[] }>('leads:search', {
    query: '',
    limit: 50,
  });
  const lead = leads.find((candidate) => candidate.status !== WORKING && candidate.name);
  if (!lead?.name) throw new Error('no lead to edit among the first 50');
  const salesforce = await page.context().newPage();
  if (!demoHost.demoOrgUrl) throw new Error('the host started without its demo org');
  await salesforce.goto(demoHost.demoOrgUrl);
  await salesforce.locator('#search').fill(lead.email ?? lead.name);
  await salesforce.locator('#rows tr', { hasText: lead.name }).first().click();
  const form = salesforce.locator('#edit-form');
  await form.locator('select[name="Status"]').selectOption(WORKING);
  await form.locator('input[name="Country"]').fill('US');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(salesforce.getByRole('status')).toContainText('Saved: ');
  await salesforce.close();

  // No Sync now: the change stream brings the edit in within seconds.
  await nav.getByRole('link', { name: 'Sync & Log' }).click();
  const log = page.getByRole('list', { name: 'Activity log' });
  const fired = log.locator('[data-kind="channel.fired"]', { hasText: CHANNEL }).first();
  await expect(fired).toBeVisible({ timeout: 15_000 });
  await expect(fired).toContainText(lead.name);
  await expect(
    log.locator('[data-kind="instance.activated"]', { hasText: lead.name }),
  ).toBeVisible();

  await page.screenshot({ path: 'test-results/screenshots/channels-live-log.png' });

  // The Lead's timeline shows the decision; replaying that change opens nothing twice.
  await fired.click();
  const timeline = page.getByRole('dialog');
  const decided = timeline
    .getByTestId('lead-changes')
    .locator('[data-change-id]')
    .filter({ has: page.getByTestId('channel-decisions').filter({ hasText: CHANNEL }) })
    .first();
  await expect(decided.getByTestId('channel-decisions')).toContainText('Fired');
  await expect(decided.getByTestId('channel-decisions')).toContainText('Activated an instance');
  await decided.getByRole('button', { name: 'Replay channels on this change' }).click();
  await expect(decided.getByTestId('replay-result')).toContainText('already open');
  await page.screenshot({ path: 'test-results/screenshots/lead-timeline-decisions.png' });
  await timeline.getByRole('button', { name: 'Close the timeline' }).click();

  await nav.getByRole('link', { name: 'Meetings' }).click();
  const instances = page.getByRole('table', { name: 'Instances' });
  const row = instances.getByRole('row').filter({ hasText: lead.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Intro call');
  await expect(row).toContainText('Activated');
  await page.screenshot({ path: 'test-results/screenshots/meetings-activated.png' });

  expect(problems).toEqual([]);
});
