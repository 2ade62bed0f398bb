import path from 'node:path';
import { appScreens } from '../e2e/app-screens';
import { openDemoOrgWithData } from '../e2e/demo-org-with-data';
import { test } from '../e2e/headless-host-fixture';

/** The screens the README shows, by their name in the navigation. */
const readmeScreens = [
  'Connection',
  'Sync & Log',
  'Channels',
  'Meetings',
  'Mapping',
  'Bookings',
  'Sync health',
];

/** `Sync & Log` → `docs/screenshots/sync-and-log.png`. */
function fileFor(screen: string): string {
  const slug = screen
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-');
  return path.join('docs', 'screenshots', `${slug}.png`);
}

test.use({ viewport: { width: 1280, height: 800 } });

test('the README screenshots: the main screens with the demo org connected, one channel on and one booking', async ({
  page,
  demoHost,
}) => {
  await openDemoOrgWithData(page, demoHost);
  for (const name of readmeScreens) {
    const screen = appScreens.find((candidate) => candidate.name === name);
    if (!screen) throw new Error(`no screen named ${name} in app-screens.ts`);
    await screen.open(page);
    // Nothing under the pointer or in focus: the screen as it is read, not as it was clicked.
    await page.mouse.move(0, 799);
    await page.evaluate('document.activeElement?.blur()');
    await page.screenshot({ path: fileFor(name) });
  }
});
