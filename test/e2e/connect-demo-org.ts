import type { Page } from '@playwright/test';
import { expect } from './headless-host-fixture';

/** A new user's first step: "Try with a demo org", allow on the consent tab, see who is connected. */
export async function connectToDemoOrg(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Connection' }).click();
  const consentTab = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Try with a demo org' }).click();
  const consent = await consentTab;
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByRole('heading', { name: /connected/i })).toHaveText(
    'Leadbridge is connected',
  );
  await consent.close();
  await expect(page.getByLabel('Connected org')).toContainText('Dana Demo', { timeout: 15_000 });
}

/** Connected to the demo org, with its 1,000 Leads imported (seen on Sync & Log). */
export async function connectAndImportDemoOrg(page: Page): Promise<void> {
  await connectToDemoOrg(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();
  await expect(page.getByRole('region', { name: 'Sync' }).getByTestId('cached-leads')).toHaveText(
    (1000).toLocaleString('en-US'),
    { timeout: 60_000 },
  );
}
