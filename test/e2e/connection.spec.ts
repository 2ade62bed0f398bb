import type { Page } from '@playwright/test';
import { expect, test, type HeadlessHost } from './headless-host-fixture';

/** Clicks "Try with a demo org" and returns the sign-in tab it opens. */
async function startDemoSignIn(page: Page): Promise<Page> {
  const tab = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Try with a demo org' }).click();
  const consent = await tab;
  await consent.waitForLoadState();
  await expect(consent.getByRole('heading', { name: 'Allow Access?' })).toBeVisible();
  return consent;
}

async function openConnection(page: Page, host: HeadlessHost): Promise<void> {
  await page.goto(host.uiUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Connection' }).click();
}

async function revokeCalls(host: HeadlessHost): Promise<number> {
  const { requests } = (await (await fetch(`${host.demoOrgUrl}/__admin/requests`)).json()) as {
    requests: { method: string; path: string; status: number }[];
  };
  return requests.filter((r) => r.path === '/services/oauth2/revoke' && r.status === 200).length;
}

test('connects to the demo org: consent, Allow, and the Connection screen shows the org', async ({
  page,
  demoHost,
}) => {
  await openConnection(page, demoHost);
  const consent = await startDemoSignIn(page);
  await expect(consent.getByText('Dana Demo')).toBeVisible();
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByRole('heading', { name: 'Leadbridge is connected' })).toBeVisible();
  await consent.close();

  const card = page.getByRole('region', { name: 'Connected org' });
  await expect(card).toContainText('Dana Demo');
  await expect(card).toContainText('@');
  await expect(card).toContainText(demoHost.demoOrgUrl!);
  await expect(card).toContainText(/API usage today/i);
  await expect(card).toContainText('/ 100,000');
  await expect(page.getByLabel('API usage today')).toBeAttached();
  await expect(page.getByLabel('Sync status')).not.toContainText(/disconnected/i);
  await page.screenshot({ path: 'test-results/screenshots/connection.png', fullPage: true });

  // Disconnect revokes the token in the org and leaves nothing connected.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Delete cached leads' }).click();
  await expect(page.getByRole('button', { name: 'Try with a demo org' })).toBeVisible();
  expect(await revokeCalls(demoHost)).toBe(1);
  const status = await demoHost.callJson<{ state: string }>('connection:status');
  expect(status.state).toBe('disconnected');
});

test('Deny leaves Leadbridge disconnected with a clear message', async ({ page, demoHost }) => {
  await openConnection(page, demoHost);
  const consent = await startDemoSignIn(page);
  await consent.getByRole('button', { name: 'Deny' }).click();
  await expect(consent.getByRole('heading', { name: 'Leadbridge is not connected' })).toBeVisible();
  await expect(consent.getByText('OAUTH_DENIED')).toBeVisible();
  await consent.close();
  await expect(page.getByText(/You chose Deny/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Connected org' })).toHaveCount(0);
});

test('a replayed sign-in callback is rejected and connects nothing', async ({ page, demoHost }) => {
  await openConnection(page, demoHost);
  const consent = await startDemoSignIn(page);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByRole('heading', { name: 'Leadbridge is connected' })).toBeVisible();
  const callbackUrl = consent.url();
  await consent.close();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Keep cached leads' }).click();
  await expect(page.getByRole('button', { name: 'Try with a demo org' })).toBeVisible();

  const replay = await page.context().newPage();
  await replay.goto(callbackUrl);
  await expect(replay.getByRole('heading', { name: 'Leadbridge is not connected' })).toBeVisible();
  await expect(replay.getByText('OAUTH_UNKNOWN_STATE')).toBeVisible();
  const status = await demoHost.callJson<{ state: string }>('connection:status');
  expect(status.state).toBe('disconnected');
});
