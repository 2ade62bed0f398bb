import type { HealthReport } from '../../src-preload/contract';
import { connectAndImportDemoOrg } from './connect-demo-org';
import { expect, test } from './headless-host-fixture';

test('Sync health shows the API usage, Leadbridge’s share, and a failing sync grouped by reason with a Retry that fixes it', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(demoHost.uiUrl);

  // Before any org: every section says what will appear.
  await page.getByRole('navigation').getByRole('link', { name: 'Sync health' }).click();
  await expect(page.getByRole('heading', { name: 'Sync health' })).toBeVisible();
  await expect(page.getByTestId('health-no-errors')).toContainText('No errors in the last 7 days');
  await expect(page.getByTestId('health-no-reconcile')).toContainText('No reconciliation yet');
  await expect(page.getByRole('region', { name: 'API usage today' })).toContainText(
    'Not measured yet',
  );

  const leadbridgeCalls = async () =>
    (await demoHost.callJson<HealthReport>('health:get')).apiUsage.leadbridgeCalls;

  await connectAndImportDemoOrg(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync health' }).click();
  // The demo org serves Leadbridge alone: every call it counted is Leadbridge's.
  await expect(page.getByTestId('health-share')).toContainText('Leadbridge made all of them');
  await expect(page.getByRole('img', { name: 'Leadbridge’s calls per hour' })).toBeVisible();

  // Salesforce goes down for a moment: the sync fails (three attempts of its first call).
  const fault = await fetch(`${demoHost.demoOrgUrl}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: '503', times: 3 }),
  });
  expect(fault.ok).toBe(true);
  await demoHost.callJson('sync:now');

  const group = page.getByTestId('health-error-group');
  await expect(group).toHaveCount(1, { timeout: 15_000 });
  await expect(group).toContainText('SERVER_UNAVAILABLE');
  await expect(group).toContainText('once');
  await expect(group.getByTestId('health-error-message')).toContainText(
    'Server temporarily unavailable',
  );
  await expect(group).toContainText('sync.failed');

  // Salesforce is back: Retry syncs, and once the sync succeeds nothing waits for a person.
  const callsBefore = await leadbridgeCalls();
  await group.getByRole('button', { name: 'Sync now' }).click();
  await expect(group.getByTestId('health-retry-note')).toContainText('Retrying a sync.');
  await expect(page.getByLabel('Sync status')).toHaveText('Up to date', { timeout: 15_000 });
  await expect(group.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await expect(group).toContainText('once');
  // The sync's calls join the chart as it reads the report again.
  await expect(page.getByText(/^last 24 h · \d+ API calls$/)).not.toHaveText(
    `last 24 h · ${callsBefore} API calls`,
  );
});
