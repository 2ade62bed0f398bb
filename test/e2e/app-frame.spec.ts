import http from 'node:http';
import { expect, test } from './headless-host-fixture';

test('opens with the token, shows the app frame and takes the token out of the address bar', async ({
  page,
  host,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(host.uiUrl);
  const navigation = page.getByRole('navigation');
  for (const screen of [
    'Connection',
    'Sync & Log',
    'Mapping',
    'Channels',
    'Meetings',
    'Settings',
  ]) {
    await expect(navigation.getByRole('link', { name: screen })).toBeVisible();
  }
  await expect(page.getByLabel('Sync status')).toContainText(/disconnected/i);
  expect(page.url()).not.toContain('token=');
  expect(problems).toEqual([]);
});

test('a log entry appended on the host side appears live in the log', async ({ page, host }) => {
  await page.goto(host.uiUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();
  const log = page.getByRole('list', { name: 'Activity log' });
  await expect(log.getByRole('listitem').first()).toContainText('Leadbridge started');

  // As the tray's "Pause sync" would: from outside the page, through the host.
  expect((await host.call('sync:pause')).status).toBe(200);
  await expect(log.getByRole('listitem').first()).toContainText('Sync paused');
  await expect(page.getByLabel('Sync status')).toContainText(/paused/i);
  await page.screenshot({ path: 'test-results/screenshots/sync-and-log.png' });
});

test('an /api call without the token is refused with 401', async ({ host }) => {
  const response = await fetch(`${host.origin}/api/app:info`, { method: 'POST' });
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
});

test('a request with a foreign Host header is refused with 403', async ({ host }) => {
  const status = await new Promise<number>((resolve, reject) => {
    http
      .get(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'rebind.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      )
      .on('error', reject);
  });
  expect(status).toBe(403);
});
