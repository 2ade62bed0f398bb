import type { Locator } from '@playwright/test';
import { expect, test } from './headless-host-fixture';

// The narrowest window the README promises; both pages are judged by their bounding boxes.
test.use({ viewport: { width: 1024, height: 768 } });

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not laid out`);
  return found;
}

/** Inner lies entirely within outer, to the pixel. */
async function expectInside(inner: Locator, outer: Locator) {
  const [a, b] = [await box(inner), await box(outer)];
  expect(a.x).toBeGreaterThanOrEqual(b.x);
  expect(a.y).toBeGreaterThanOrEqual(b.y);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
  expect(a.y + a.height).toBeLessThanOrEqual(b.y + b.height + 0.5);
}

test('at 1024 px the activity log shows its Reload button whole, inside the log and the window', async ({
  page,
  host,
}) => {
  await page.goto(host.uiUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();
  const log = page.getByRole('region', { name: 'Activity log' });
  const reload = log.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeVisible();
  await expectInside(reload, log);
  const { x, width } = await box(reload);
  expect(x + width).toBeLessThanOrEqual(1024);
});

test('at 1024 px the demo org’s Lead and Contact tables stay inside their card, with the editor open too', async ({
  page,
  demoHost,
}) => {
  await page.goto(demoHost.demoOrgUrl!);
  const card = page.locator('section.list-card');
  const leads = page.locator('table.leads').first();
  const contacts = page.getByRole('table', { name: 'Contacts' });
  await expect(leads.locator('tbody tr')).toHaveCount(100);
  await expect(contacts.locator('tbody tr').first()).toBeVisible();

  // A string: the e2e tests compile without the DOM's types.
  const fitsTheWindow = () =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  for (const editorOpen of [false, true]) {
    if (editorOpen) {
      await leads.locator('tbody tr').first().click();
      await expect(page.locator('#editor')).toBeVisible();
      await expectInside(page.locator('#editor'), page.locator('main'));
    }
    await expectInside(leads, card);
    await expectInside(contacts, card);
    expect(await fitsTheWindow()).toBe(true);
  }
});
