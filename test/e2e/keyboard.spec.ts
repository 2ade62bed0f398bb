import type { ElementHandle, Locator, Page } from '@playwright/test';
import { routes } from '../../src-renderer/app/routes';
import { goToScreen } from './app-screens';
import { expect, test } from './headless-host-fixture';

// The functions below run in the page. This project's Node types have no DOM, so they reach
// the page's globals through the element Playwright hands them.

/** How an element shows focus, whichever way it does: an outline, a shadow or its border. */
function focusLook(handle: ElementHandle): Promise<string> {
  return handle.evaluate((element) => {
    const style = element.ownerDocument.defaultView.getComputedStyle(element);
    return [style.outline, style.boxShadow, style.borderColor].join(' | ');
  });
}

/**
 * The region's controls Tab should reach (enabled, shown, one radio of a group), by name in
 * document order, and which of them has the focus (-1: none).
 */
function readTabbables(region: Locator): Promise<{ names: string[]; focused: number }> {
  return region.evaluate((root) => {
    const candidates = [
      ...root.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'),
    ];
    const tabbable = candidates.filter(
      (element) =>
        element.tabIndex >= 0 &&
        !element.disabled &&
        element.checkVisibility() &&
        !(element.type === 'radio' && !element.checked),
    );
    const names: string[] = tabbable.map((element) =>
      (
        element.getAttribute('aria-label') ??
        element.labels?.[0]?.textContent ??
        element.textContent ??
        ''
      ).trim(),
    );
    return { names, focused: tabbable.indexOf(root.ownerDocument.activeElement) };
  });
}

interface TabWalk {
  /** The names of the controls the focus stopped on, in order. */
  stops: string[];
  /** The region's controls Tab should reach. */
  tabbable: string[];
  /** Stops whose look did not change when the focus left them. */
  noVisibleFocus: string[];
}

/** Presses Tab until the focus has gone through `region` and out of it. */
async function tabThrough(page: Page, region: Locator): Promise<TabWalk> {
  // Looks are read the moment the focus moves: transitions would show the look before.
  await page.addStyleTag({ content: '* { transition: none !important; }' });
  const stops: string[] = [];
  const noVisibleFocus: string[] = [];
  let previous: { name: string; handle: ElementHandle; look: string } | null = null;
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    if (previous && (await focusLook(previous.handle)) === previous.look) {
      noVisibleFocus.push(previous.name);
    }
    const { names, focused } = await readTabbables(region);
    if (focused < 0 && stops.length > 0) return { stops, tabbable: names, noVisibleFocus };
    if (focused < 0) continue;
    const handle = await page.locator(':focus').elementHandle();
    if (!handle) throw new Error('nothing has the focus');
    previous = { name: names[focused]!, handle, look: await focusLook(handle) };
    stops.push(previous.name);
  }
  throw new Error('Tab never went through the region');
}

test('Tab alone walks every screen of the navigation with a visible focus, and Enter opens one', async ({
  page,
  host,
}) => {
  await page.goto(host.uiUrl); // opens on Connection, the focus on the page itself
  await expect(page.getByRole('heading', { level: 2, name: 'Connection' })).toBeVisible();
  const navigation = page.getByRole('navigation', { name: 'Screens' });

  const { stops, tabbable, noVisibleFocus } = await tabThrough(page, navigation);
  expect(tabbable).toEqual(routes.map((route) => route.label));
  expect(stops).toEqual(tabbable);
  expect(noVisibleFocus).toEqual([]);

  await page.keyboard.press('Shift+Tab'); // back on the last screen, Settings
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});

test('the Settings form is filled and saved from the keyboard, every control reached by Tab with a visible focus', async ({
  page,
  host,
}) => {
  await page.goto(host.uiUrl);
  await goToScreen(page, 'Settings');
  const form = page.getByRole('region', { name: 'Sync and sign-in' });
  const interval = form.getByRole('textbox', { name: 'Sync interval' });
  await interval.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Shift+Tab'); // out of the form, so the walk starts at its top

  const { stops, tabbable, noVisibleFocus } = await tabThrough(page, form);
  expect(tabbable).toContain('Save');
  expect(stops).toEqual(tabbable);
  expect(noVisibleFocus).toEqual([]);

  const fromSave = stops.length - stops.indexOf('Save');
  for (let presses = 0; presses < fromSave; presses += 1) await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Save' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText('Settings saved.');
  expect(await host.callJson('settings:get')).toMatchObject({ syncIntervalMinutes: 10 });
});
