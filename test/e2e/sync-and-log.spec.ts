import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { makeTempDirectory } from '../support/temp-directory';

export interface DemoHost {
  uiUrl: string;
  demoOrgUrl: string;
  /** Calls a contract method from outside the page, as a script would. */
  call<T>(method: string, input?: unknown): Promise<T>;
}

/** The built headless host started with `--demo`, as someone trying Leadbridge would run it. */
async function startDemoHost(): Promise<DemoHost & { stop(): Promise<void> }> {
  const temp = makeTempDirectory('lb-e2e-demo');
  const token = `e2e-${Math.random().toString(36).slice(2)}-token-value`;
  const child = spawn(
    process.execPath,
    [
      path.resolve('out/main/headless.js'),
      '--port',
      '0',
      '--data-dir',
      path.join(temp.path, 'data'),
      '--token',
      token,
      '--demo',
    ],
    {
      env: { ...process.env, LEADBRIDGE_SECRETS_KEY_FILE: path.join(temp.path, 'secrets.key') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { uiUrl, demoOrgUrl } = await readStartupLines(child);
  const origin = new URL(uiUrl).origin;
  return {
    uiUrl,
    demoOrgUrl,
    async call<T>(method: string, input: unknown = {}) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!response.ok) throw new Error(`${method} answered ${response.status}`);
      return (await response.json()) as T;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}

function readStartupLines(child: ChildProcess): Promise<{ uiUrl: string; demoOrgUrl: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${errors}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ui = /^UI: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(output)?.[1];
      const demo = /^Demo org: (http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1];
      if (ui && demo) {
        clearTimeout(timer);
        resolve({ uiUrl: ui, demoOrgUrl: demo });
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${errors}`)));
  });
}

export const test = base.extend<{ demoHost: DemoHost }>({
  // Playwright reads a fixture's dependencies from its destructuring: this one has none.
  // eslint-disable-next-line no-empty-pattern
  demoHost: async ({}, use, testInfo) => {
    const host = await startDemoHost();
    await use(host);
    // A sync that stalls shows only as a timeout in the page: keep what the host knew.
    if (testInfo.status !== testInfo.expectedStatus) {
      const [status, log] = await Promise.all([
        host.call('sync:status').catch((error: unknown) => String(error)),
        host.call('log:list', { limit: 30 }).catch((error: unknown) => String(error)),
      ]);
      await testInfo.attach('host-state.json', {
        body: JSON.stringify({ status, log }, null, 2),
        contentType: 'application/json',
      });
    }
    await host.stop();
  },
});

interface LeadSummary {
  id: string;
  name: string | null;
  status: string | null;
}

const NEW_STATUS = 'Working - Contacted';

async function connectToDemoOrg(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Connection' }).click();
  const consentTab = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Try with a demo org' }).click();
  const consent = await consentTab;
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByRole('heading', { name: /connected/i })).toHaveText(
    'Leadbridge is connected',
  );
  await consent.close();
  await expect(page.getByLabel('Connected org')).toContainText('Dana Demo', { timeout: 15_000 });
}

test('a new user connects the demo org, watches the import, and follows a change into the timeline', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(demoHost.uiUrl);
  await connectToDemoOrg(page);

  await page.getByRole('navigation').getByRole('link', { name: 'Sync & Log' }).click();
  const sync = page.getByRole('region', { name: 'Sync' });
  await expect(sync.getByTestId('cached-leads')).toHaveText((1000).toLocaleString('en-US'), {
    timeout: 60_000,
  });
  const log = page.getByRole('list', { name: 'Activity log' });
  await expect(log.locator('[data-kind="sync.completed"]').first()).toContainText('Import');
  // Five minutes plus up to 15 s of jitter, counted down from the moment the import ended.
  await expect(sync.getByTestId('next-sync')).toHaveText(/^Next sync in (4:[0-5]\d|5:[01]\d)$/);

  // A sales rep works a lead in Salesforce.
  const { leads } = await demoHost.call<{ leads: LeadSummary[] }>('leads:search', {
    query: '',
    limit: 50,
  });
  const lead = leads.find((candidate) => candidate.status !== NEW_STATUS && candidate.name);
  if (!lead?.name) throw new Error('no lead to edit among the first 50');
  const edit = await fetch(`${demoHost.demoOrgUrl}/__admin/sobjects/Lead/${lead.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Status: NEW_STATUS }),
  });
  expect(edit.status).toBe(200);

  await sync.getByRole('button', { name: 'Sync now' }).click();
  const changeRow = log.locator('[data-kind="lead.changed"]', { hasText: lead.name }).first();
  await expect(changeRow).toContainText(`Status: ${lead.status ?? '—'} → ${NEW_STATUS}`, {
    timeout: 15_000,
  });
  // The host logs `sync.completed` a moment before it sends the status that says so.
  await expect(page.getByLabel('Sync status')).toHaveText('Up to date');
  await expect(page.getByRole('img', { name: 'Changes per hour' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sync-and-log-connected.png' });

  // The search narrows the log to this lead, live entries included.
  await page.getByRole('searchbox', { name: 'Search the log' }).fill(lead.id);
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('log-total')).toHaveText('1 entry matching');

  await changeRow.click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(lead.name);
  const changes = drawer.getByTestId('lead-changes');
  await expect(changes).toContainText('Status');
  await expect(changes).toContainText(NEW_STATUS);
  await expect(changes).toContainText(lead.status ?? '—');
  // Once it has slid fully into view, the screenshot shows the drawer, not its transition.
  await expect(drawer).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/lead-timeline.png' });

  await drawer.getByRole('button', { name: /Open in the Leads view/ }).click();
  await expect(page).toHaveURL(/#\/leads$/);
  const table = page.getByRole('table', { name: 'Leads' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(NEW_STATUS);

  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByTestId('leads-total')).toHaveText(
    `${(1000).toLocaleString('en-US')} leads cached · 100 shown`,
  );
  await page.screenshot({ path: 'test-results/screenshots/leads.png' });

  expect(problems).toEqual([]);
});
