import { admin } from '../support/demo-org-admin';
import { connectToDemoOrg } from './connect-demo-org';
import { expect, test } from './headless-host-fixture';

test('a revoked grant raises one "Reconnect needed" notification, however often sync tries', async ({
  page,
  demoHost,
}) => {
  await page.goto(demoHost.uiUrl);
  await connectToDemoOrg(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();

  // An admin revokes Leadbridge's access in Salesforce (Connected Apps OAuth Usage → Revoke).
  await admin(demoHost.demoOrgUrl!, 'POST', 'revoke-sessions');
  await demoHost.call('sync:now');

  const notifications = page.getByRole('region', { name: 'Notifications' });
  const alerts = notifications.getByRole('alert');
  await expect(alerts).toHaveCount(1, { timeout: 15_000 });
  await expect(alerts).toContainText('Reconnect needed');
  await expect(alerts).toContainText('connect again');
  await page.screenshot({ path: 'test-results/screenshots/notification-reconnect.png' });

  // The scheduler, a person and the Connection screen keep trying: nothing more is raised.
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await demoHost.call('sync:now');
    await demoHost.call('connection:status');
  }
  await page.waitForTimeout(2_000);
  await expect(alerts).toHaveCount(1);

  await notifications.getByRole('link', { name: 'Open Connection' }).click();
  await expect(page).toHaveURL(/#\/connection$/);
  await expect(notifications).toHaveCount(0);
});
