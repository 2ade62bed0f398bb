import type { LeadSummary } from '../../src-preload/contract';
import { connectToDemoOrg } from './connect-demo-org';
import { expect, test } from './headless-host-fixture';

const NEW_STATUS = 'Working - Contacted';

test('a new user connects the demo org, watches the import, and follows a change into the timeline', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(demoHost.uiUrl);
  await connectToDemoOrg(page);

  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();
  const sync = page.getByRole('region', { name: 'Sync' });
  await expect(sync.getByTestId('cached-leads')).toHaveText((1000).toLocaleString('en-US'), {
    timeout: 60_000,
  });
  const log = page.getByRole('list', { name: 'Activity log' });
  await expect(log.locator('[data-kind="sync.completed"]').first()).toContainText('Import');
  // Five minutes plus up to 15 s of jitter, counted down from the moment the import ended.
  await expect(sync.getByTestId('next-sync')).toHaveText(/^Next sync in (4:[0-5]\d|5:[01]\d)$/);

  // A sales rep works a lead in Salesforce.
  const { leads } = await demoHost.callJson<{ leads: LeadSummary[] }>('leads:search', {
    query: '',
    limit: 50,
  });
  const lead = leads.find((candidate) => candidate.status !== NEW_STATUS && candidate.name);
  if (!lead?.name) throw new Error('no lead to edit among the first 50');
  const edit = await fetch(`${demoHost.demoOrgUrl}/__admin/sobjects/Lead/${lead.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Status: NEW_STATUS }),
  });
  expect(edit.status).toBe(200);

  await sync.getByRole('button', { name: 'Sync now' }).click();
  const changeRow = log.locator('[data-kind="lead.changed"]', { hasText: lead.name }).first();
  await expect(changeRow).toContainText(`Status: ${lead.status ?? '—'} → ${NEW_STATUS}`, {
    timeout: 15_000,
  });
  // The host logs `sync.completed` a moment before it sends the status that says so.
  await expect(page.getByLabel('Sync status')).toHaveText('Up to date');
  await expect(page.getByRole('img', { name: 'Changes per hour' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sync-and-log-connected.png' });

  // The kind filter offers what the log holds, in words under its headings, and nothing else.
  const kindFilter = page.getByRole('combobox', { name: 'Filter by kind' });
  await kindFilter.click();
  const kindOptions = page.getByRole('listbox');
  await expect(kindOptions).toContainText('Sync');
  await expect(kindOptions).toContainText('Connection');
  await expect(page.getByRole('option', { name: 'Booking posted to Salesforce' })).toHaveCount(0);
  await page.getByRole('option', { name: 'Field changed', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log.getByRole('listitem')).toHaveAttribute('data-kind', 'lead.changed');
  await kindFilter.press('Backspace');
  await expect(log.locator('[data-kind="sync.completed"]').first()).toBeVisible();

  // The search narrows the log to this lead, live entries included.
  await page.getByRole('searchbox', { name: 'Search the log' }).fill(lead.id);
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('log-total')).toHaveText('1 entry matching');

  await changeRow.click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(lead.name);
  const changes = drawer.getByTestId('lead-changes');
  await expect(changes).toContainText('Status');
  await expect(changes).toContainText(NEW_STATUS);
  await expect(changes).toContainText(lead.status ?? '—');
  // Once it has slid fully into view, the screenshot shows the drawer, not its transition.
  await expect(drawer).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/lead-timeline.png' });

  await drawer.getByRole('button', { name: /Open in the Leads view/ }).click();
  await expect(page).toHaveURL(/#\/leads$/);
  const table = page.getByRole('table', { name: 'Leads' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(NEW_STATUS);

  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByTestId('leads-total')).toHaveText(
    `${(1000).toLocaleString('en-US')} leads cached · 100 shown`,
  );
  await page.screenshot({ path: 'test-results/screenshots/leads.png' });

  expect(problems).toEqual([]);
});
