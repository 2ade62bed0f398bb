import type { Page } from '@playwright/test';
import { expect } from './headless-host-fixture';

export interface Guest {
  name: string;
  email: string;
  company: string;
}

/** Books the first free slot of a demo calendar as a guest would, on the scheduler's page. */
export async function bookOnSchedulerPage(
  page: Page,
  schedulerUrl: string,
  calendar: string,
  guest: Guest,
): Promise<void> {
  await page.goto(schedulerUrl);
  await page
    .locator('li', { hasText: calendar })
    .getByRole('link', { name: 'Book a slot' })
    .click();
  await page.locator('label.slot:not(.taken) input[name="slot"]').first().check();
  await page.getByLabel('Name').fill(guest.name);
  await page.getByLabel('Email').fill(guest.email);
  await page.getByLabel('Company').fill(guest.company);
  await page.locator('textarea[name="answer"]').fill('Pricing for 20 seats');
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByText(guest.email).first()).toBeVisible();
}
