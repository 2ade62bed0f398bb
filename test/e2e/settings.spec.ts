import type { Page } from '@playwright/test';
import { expect, test } from './headless-host-fixture';

async function openSettings(page: Page, uiUrl: string) {
  await page.goto(uiUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  return page.getByRole('region', { name: 'Sync and sign-in' });
}

test('typing 1.5 minutes shows the allowed range, keeps what was typed and keeps Save off', async ({
  page,
  host,
}) => {
  const form = await openSettings(page, host.uiUrl);
  const interval = form.getByRole('textbox', { name: 'Sync interval' });
  await interval.fill('');
  await interval.pressSequentially('1.5');
  await interval.blur();

  await expect(interval).toHaveValue('1.5');
  await expect(interval).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Enter whole minutes from 1 to 60.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await interval.press('Enter');
  expect(await host.callJson('settings:get')).toMatchObject({ syncIntervalMinutes: 5 });
});

test('a value out of range is refused as typed, never clamped, and Save stays off until every field reads', async ({
  page,
  host,
}) => {
  const form = await openSettings(page, host.uiUrl);
  const budget = form.getByRole('textbox', { name: 'API budget' });
  await budget.fill('5');
  await budget.blur();
  await expect(budget).toHaveValue('5');
  await expect(form.getByText('Enter a whole percentage from 10 to 100.')).toBeVisible();

  const bulk = form.getByRole('textbox', { name: 'Bulk API import from' });
  await bulk.fill('500');
  await bulk.blur();
  await expect(bulk).toHaveValue('500');
  await expect(
    form.getByText('Enter a whole number of Leads from 1,000 to 100,000,000.'),
  ).toBeVisible();

  const save = form.getByRole('button', { name: 'Save' });
  await budget.fill('50');
  await expect(save).toBeDisabled();
  await bulk.fill('150,000');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(form.getByText('Settings saved.')).toBeVisible();
  expect(await host.callJson('settings:get')).toMatchObject({
    apiBudgetPercent: 50,
    bulkImportThreshold: 150_000,
  });
});

test('the headless host says its log goes to standard error and offers no start at login', async ({
  page,
  host,
}) => {
  const form = await openSettings(page, host.uiUrl);
  await expect(form.getByRole('textbox', { name: 'Sync interval' })).toBeVisible();
  await expect(form.getByRole('checkbox', { name: /Start Leadbridge when I log in/ })).toHaveCount(
    0,
  );

  const about = page.getByRole('region', { name: 'About this installation' });
  await expect(about.getByText('Written to standard error', { exact: false })).toBeVisible();
  await expect(about.getByRole('button', { name: 'Open logs folder' })).toHaveCount(0);
});
