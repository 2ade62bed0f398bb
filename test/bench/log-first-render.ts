// The live log's first render, measured inside Chromium by the page's own clock; Playwright
// only drives the page, so its round trips are not in the figures. Two moments: opening the UI
// on Sync & Log (the log's first page is fetched and drawn while the app boots), and coming back
// to Sync & Log from another screen.
import { chromium } from '@playwright/test';

const CHROMIUM = process.env.LEADBRIDGE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Run in the page (as text: this file is typed for Node, not the DOM). `window.logFirstRow`
 * resolves with the page clock at the frame after the first log row is in the page, measured
 * from `since()`; it gives up after 20 s.
 */
const watchFirstRow = (since: string) => `window.logFirstRow = new Promise((resolve, reject) => {
  const since = ${since};
  const firstRow = () =>
    document.querySelector('[role="list"][aria-label="Activity log"] [data-kind]');
  const check = () => {
    if (!firstRow()) return false;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - since()));
    return true;
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  setTimeout(() => reject(new Error('no log row within 20 s')), 20000);
})`;

export interface LogRenderTimes {
  /** From navigation start to the first row's frame, the UI opening on the log. */
  open: number[];
  /** From the click on "Sync & Log" (coming from Leads) to the first row's frame. */
  back: number[];
}

/** Opens the UI at `uiUrl` `rounds` times and measures both moments each time, in ms. */
export async function measureLogFirstRender(
  uiUrl: string,
  rounds: number,
): Promise<LogRenderTimes> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const times: LogRenderTimes = { open: [], back: [] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(watchFirstRow('() => 0'));
      // The first visit keeps the token for this tab. A host with no org connected opens on
      // Connection, so the tab is then pointed at Sync & Log and loaded again.
      await page.goto(uiUrl);
      await page.evaluate(`location.hash = '#/sync'`);
      await page.reload();
      times.open.push((await page.evaluate('window.logFirstRow')) as number);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Leads' }).click();
      await page.getByRole('table', { name: 'Leads' }).waitFor();
      await page.evaluate(`(() => {
        let clickedAt;
        document.addEventListener('click', () => (clickedAt = performance.now()), {
          capture: true,
          once: true,
        });
        ${watchFirstRow('() => clickedAt')};
      })()`);
      await nav.getByRole('link', { name: 'Sync & Log' }).click();
      times.back.push((await page.evaluate('window.logFirstRow')) as number);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}
