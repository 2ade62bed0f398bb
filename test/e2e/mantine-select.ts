import type { Locator, Page } from '@playwright/test';

/**
 * Picks an option of a Mantine Select: by its text, or (the field picker, which searches
 * labels and API names alike) by a field's API name. Mantine renders the options in a
 * portal, so they are the page's, not the select's.
 */
export async function pick(page: Page, select: Locator, option: string | { apiName: string }) {
  await select.click();
  if (typeof option === 'string') {
    await page.getByRole('option', { name: option, exact: true }).click();
    return;
  }
  await select.fill(option.apiName);
  await page
    .getByRole('option')
    .filter({ has: page.locator(`[data-api-name="${option.apiName}"]`) })
    .click();
}
