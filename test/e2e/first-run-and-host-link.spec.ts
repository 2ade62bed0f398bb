import { connectToDemoOrg } from './connect-demo-org';
import { expect, startHeadlessHost, test } from './headless-host-fixture';

test('a first run opens on Connection; Sync & Log says why its actions are off and links back', async ({
  page,
  host,
}) => {
  await page.goto(host.uiUrl);
  await expect(page.getByRole('heading', { name: 'Connection', level: 2 })).toBeVisible();
  await expect(page).toHaveURL(/#\/connection$/);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Connection' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await nav.getByRole('link', { name: 'Sync & Log' }).click();
  const sync = page.getByRole('region', { name: 'Sync' });
  for (const action of ['Sync now', 'Reconcile now', 'Pause']) {
    await expect(sync.getByRole('button', { name: action })).toBeDisabled();
  }
  await expect(sync.getByTestId('sync-actions-reason')).toHaveText(
    'Available once a Salesforce org is connected.',
  );
  await sync.getByRole('link', { name: 'Open Connection' }).click();
  await expect(page.getByRole('heading', { name: 'Connection', level: 2 })).toBeVisible();
});

test('once an org is connected, a new window opens on Sync & Log', async ({
  page,
  context,
  demoHost,
}) => {
  await page.goto(demoHost.uiUrl);
  await connectToDemoOrg(page);
  const later = await context.newPage();
  await later.goto(demoHost.uiUrl);
  await expect(later.getByRole('heading', { name: 'Sync & Log', level: 2 })).toBeVisible();
  await expect(later).toHaveURL(/#\/sync$/);
});

test('when the host stops the window says Leadbridge is unreachable, and recovers by itself when it is back on the same port', async ({
  page,
}) => {
  test.setTimeout(60_000);
  let running: Awaited<ReturnType<typeof startHeadlessHost>> | null = await startHeadlessHost();
  const { uiUrl, port, token } = running;
  try {
    await page.goto(uiUrl);
    const badge = page.getByLabel('Sync status');
    await expect(badge).toHaveText('Disconnected');
    const banner = page.getByRole('alert').filter({ hasText: 'Leadbridge is not reachable' });
    await expect(banner).toHaveCount(0);

    await running.stop();
    running = null;
    await expect(banner).toBeVisible({ timeout: 10_000 });
    await expect(badge).toHaveText('Unreachable');

    running = await startHeadlessHost([], { port, token });
    // Paused while the window may still be waiting to try again: it must learn it either way.
    expect((await running.call('sync:pause')).status).toBe(200);
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await expect(badge).toHaveText('Paused');
  } finally {
    await running?.stop();
  }
});

test('a host started again with a new token tells the window to open the address it printed, and the tab comes back once it is', async ({
  page,
}) => {
  test.setTimeout(60_000);
  let running: Awaited<ReturnType<typeof startHeadlessHost>> | null = await startHeadlessHost();
  const { uiUrl, port } = running;
  try {
    await page.goto(uiUrl);
    await expect(page.getByLabel('Sync status')).toHaveText('Disconnected');
    await running.stop();
    running = null;
    running = await startHeadlessHost([], { port, token: 'e2e-another-launch-token-value' });
    await expect(
      page.getByRole('alert').filter({ hasText: 'Leadbridge no longer accepts this window' }),
    ).toContainText('Open the address it printed', { timeout: 20_000 });

    await page.goto(running.uiUrl);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByLabel('Sync status')).toHaveText('Disconnected');
  } finally {
    await running?.stop();
  }
});
