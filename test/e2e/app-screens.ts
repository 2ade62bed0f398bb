import type { Page } from '@playwright/test';
import { expect } from './headless-host-fixture';

/** One screen (or a dialog on it) as an admin reaches it from the navigation. */
export interface AppScreen {
  name: string;
  /** Opens it from anywhere in the app and waits until it shows what it loaded. */
  open(page: Page): Promise<void>;
}

/**
 * Waits until the page's transitions and finite animations have ended (a drawer sliding in,
 * a fade): read before, a dialog's text sits on a half-transparent background. An animation
 * cancelled meanwhile (its element left the page) rejects `finished` and no longer paints.
 */
export async function animationsFinished(page: Page): Promise<void> {
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined)))',
  );
}

/** Clicks a screen's entry in the navigation and waits for its heading and its data. */
export async function goToScreen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape'); // a dialog left open on the previous screen
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  await expect(main.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  await animationsFinished(page);
}

const screen = (name: string): AppScreen => ({ name, open: (page) => goToScreen(page, name) });

/**
 * Every screen of the app, and the dialogs that hold a screen's own work. The accessibility
 * check visits each; a new screen is one more line here.
 */
export const appScreens: readonly AppScreen[] = [
  screen('Connection'),
  screen('Sync & Log'),
  screen('Leads'),
  {
    name: 'Lead timeline',
    async open(page) {
      await goToScreen(page, 'Leads');
      await page.getByRole('table', { name: 'Leads' }).getByRole('button').first().click();
      const timeline = page.getByRole('dialog');
      await expect(timeline.getByTestId('lead-changes')).toBeVisible({ timeout: 15_000 });
      await animationsFinished(page);
    },
  },
  screen('Channels'),
  {
    name: 'Channel rule builder',
    async open(page) {
      await goToScreen(page, 'Channels');
      await page.getByRole('button', { name: 'New channel for Intro call' }).click();
      const editor = page.getByRole('dialog', { name: 'New channel' });
      await editor.getByRole('button', { name: '+ Rule' }).click();
      await expect(editor.locator('[data-path="[0]"]')).toBeVisible();
      await animationsFinished(page);
    },
  },
  screen('Meetings'),
  screen('Mapping'),
  screen('Bookings'),
  screen('Outbox'),
  screen('Sync health'),
  screen('Settings'),
];
