import { expect, test } from './headless-host-fixture';

test('Settings says a real org needs an External Client App’s consumer key, and how an admin creates one', async ({
  page,
  host,
}) => {
  await page.goto(host.uiUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const field = page.getByRole('textbox', { name: 'Salesforce client id' });
  await expect(field).toBeVisible();
  // This build has no client id of its own: nothing may suggest one.
  await expect(field).toHaveAttribute('placeholder', 'Consumer key of your External Client App');
  const form = page.locator('form').filter({ has: field });
  await expect(form).not.toContainText(/built-in|ships with/i);
  await expect(form).toContainText(
    'Needed to connect a real Salesforce org (the demo org needs none): the consumer key of your organization’s External Client App.',
  );

  await page.getByText('How a Salesforce admin creates the External Client App').click();
  const steps = page.getByRole('list').filter({ hasText: 'External Client App Manager' });
  await expect(steps).toContainText(`http://localhost:${host.port}/oauth/callback`);
  await expect(steps).toContainText('Require Proof Key for Code Exchange (PKCE)');
  await steps.getByRole('link', { name: 'Connection' }).click();
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
});
