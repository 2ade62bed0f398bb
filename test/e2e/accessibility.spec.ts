import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { appScreens, goToScreen } from './app-screens';
import { openDemoOrgWithData } from './demo-org-with-data';
import { expect, test } from './headless-host-fixture';

/** What a violation is and how to fix it → where it was found, once per element and screen. */
type Findings = Map<string, Set<string>>;

/** Adds axe-core's serious and critical violations on what the page shows now. */
async function checkScreen(page: Page, screen: string, findings: Findings): Promise<void> {
  const axe = new AxeBuilder({ page });
  // A dialog is checked alone: the screen behind it has its own entry, and axe's contrast
  // check of a whole screen again would double the run.
  if ((await page.getByRole('dialog').count()) > 0) axe.include('[role="dialog"]');
  const { violations } = await axe.analyze();
  for (const violation of violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    for (const node of violation.nodes) {
      // The fix (contrast figures, the missing name) makes elements that fail alike one finding.
      const key = `[${violation.impact}] ${violation.id}: ${violation.help}\n    ${node.failureSummary?.replace(/\n\s*/g, ' ')}`;
      const where = findings.get(key) ?? new Set();
      where.add(`${screen}: ${node.target.join(' ')}  ${node.html.slice(0, 120)}`);
      findings.set(key, where);
    }
  }
}

function report(findings: Findings): string {
  return [...findings]
    .map(([what, where]) => `${what}\n${[...where].map((place) => `      ${place}`).join('\n')}`)
    .join('\n\n');
}

test('every screen, before and after connecting the demo org, has no serious or critical accessibility violations', async ({
  page,
  demoHost,
}) => {
  test.setTimeout(120_000);
  const findings: Findings = new Map();
  await page.goto(demoHost.uiUrl);
  await goToScreen(page, 'Connection');
  await checkScreen(page, 'Connection (first run)', findings);

  await openDemoOrgWithData(page, demoHost);
  for (const screen of appScreens) {
    await screen.open(page);
    await checkScreen(page, screen.name, findings);
  }
  expect(findings.size, `Accessibility violations (axe-core):\n\n${report(findings)}`).toBe(0);
});
