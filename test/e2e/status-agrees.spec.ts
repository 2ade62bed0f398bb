import { connectAndImportDemoOrg } from './connect-demo-org';
import { expect, test } from './headless-host-fixture';

// Issue 14 item 5: every screen shows the same API usage, over the API budget nothing counts
// down to a sync that will not run, and a failing call says so while it is asked again.
test('the screens agree on API usage and say what the sync does now', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(120_000);
  const admin = (path: string, method: string, body: unknown) =>
    fetch(`${demoHost.demoOrgUrl}/__admin/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const open = (screen: 'Connection' | 'Sync & Log') =>
    page.getByRole('navigation').getByRole('link', { name: screen }).click();
  const sync = page.getByRole('region', { name: 'Sync' });

  await page.goto(demoHost.uiUrl);
  await connectAndImportDemoOrg(page);

  // The Connection screen measures the usage when it opens (nothing else calls Salesforce
  // then): Sync & Log shows that very figure.
  await open('Connection');
  const connectionUsage = page.getByTestId('api-usage-label');
  await expect(connectionUsage).toHaveText(/ \/ 100,000 /);
  await page.waitForTimeout(1_500);
  const measured = (await connectionUsage.textContent()) ?? '';
  await open('Sync & Log');
  await expect(sync.getByTestId('sync-api-usage')).toHaveText(measured);

  // Sync now takes the org over Leadbridge's 90 % cap: paused, and no countdown.
  await admin('settings', 'PATCH', { apiUsage: 95_000 });
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByLabel('Sync status')).toHaveText('Paused');
  await expect(sync.getByTestId('next-sync')).toHaveText('Paused at the API cap');
  await expect(sync.getByTestId('sync-api-usage')).toHaveText(/^95,0\d\d \/ 100,000 \(95%\)$/);
  await page.screenshot({ path: 'test-results/screenshots/sync-over-api-budget.png' });
  await open('Connection');
  await expect(connectionUsage).toHaveText(/^95,0\d\d \/ 100,000 \(95%\)$/);
  await page.screenshot({ path: 'test-results/screenshots/connection-over-api-budget.png' });
  await admin('settings', 'PATCH', { apiUsage: 100 });
  await open('Sync & Log');

  // A call that fails once is asked again: the card says so while it waits for the answer.
  await admin('faults', 'POST', { kind: '503', times: 1 });
  await admin('faults', 'POST', { kind: 'slow', times: 1, ms: 4_000 });
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect(sync.getByTestId('sync-message')).toHaveText(
    'A call to Salesforce failed (HTTP 503). Leadbridge is asking again: attempt 2 of 3.',
    { timeout: 3_000 },
  );
  await expect(page.getByLabel('Sync status')).toHaveText('Retrying');
  await page.screenshot({ path: 'test-results/screenshots/sync-retrying.png' });
  await expect(page.getByLabel('Sync status')).toHaveText('Up to date', { timeout: 15_000 });

  // Every attempt fails: the card says what happened and when it tries again.
  await admin('faults', 'POST', { kind: '503', ratio: 1 });
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByLabel('Sync status')).toHaveText('Error', { timeout: 10_000 });
  await expect(sync.getByTestId('sync-message')).toContainText('tries again in');
  await page.screenshot({ path: 'test-results/screenshots/sync-failing.png' });
  await open('Connection');
  await page.screenshot({ path: 'test-results/screenshots/connection-failing.png' });
});
