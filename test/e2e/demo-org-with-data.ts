import type { Page } from '@playwright/test';
import { goToScreen } from './app-screens';
import { bookOnSchedulerPage } from './book-on-demo-scheduler';
import { connectAndImportDemoOrg } from './connect-demo-org';
import { expect, type HeadlessHost } from './headless-host-fixture';

const CALENDAR = 'Intro call';
const UPDATE_CHANNEL = 'When booked: Status = Meeting Booked, Owner = host';

/**
 * A demo org in use, so that every screen has rows to show: connected and imported, the
 * example Update channel enabled, and one guest booked on the scheduler and posted.
 */
export async function openDemoOrgWithData(page: Page, host: HeadlessHost): Promise<void> {
  if (!host.demoSchedulerUrl) throw new Error('the host started without its demo scheduler');
  await page.goto(host.uiUrl);
  await connectAndImportDemoOrg(page);

  await goToScreen(page, 'Channels');
  const updateSwitch = page
    .getByRole('region', { name: `${CALENDAR} channels` })
    .getByRole('switch', { name: `Enable ${UPDATE_CHANNEL}` });
  await updateSwitch.click({ force: true });
  await expect(updateSwitch).toBeChecked();

  const scheduler = await page.context().newPage();
  const guest = {
    name: 'Mika Newguest',
    email: 'mika.newguest@example.com',
    company: 'Newguest KK',
  };
  await bookOnSchedulerPage(scheduler, host.demoSchedulerUrl, CALENDAR, guest);
  await scheduler.close();
  await goToScreen(page, 'Bookings');
  await expect(
    page.getByRole('table', { name: 'Bookings' }).getByRole('row').filter({ hasText: guest.email }),
  ).toContainText('Event created', { timeout: 30_000 });
}
