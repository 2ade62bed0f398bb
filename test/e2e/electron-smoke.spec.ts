/**
 * Launches the built desktop app (`npm run build` first) and checks that its one window
 * opens on our UI with the contract bridge in place. Machines without an Electron binary
 * report this as skipped rather than passed.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { LeadbridgeBridge } from '../../src-preload/contract';

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Where the binary would be; the package's index.js is not required: it downloads when missing. */
function electronBinary(): string | undefined {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const skipReason = 'no Electron binary on this machine';

// The list reporter prints titles, not skip reasons: the title carries the reason too.
test.describe(binary ? 'desktop app' : `desktop app (skipped: ${skipReason})`, () => {
  test.skip(binary === undefined, skipReason);

  test('opens its window on the Leadbridge UI with the contract bridge', async () => {
    const entry = path.join(projectRoot, 'out/main/index.js');
    expect(fs.existsSync(entry), 'run `npm run build` before the e2e tests').toBe(true);
    await expectWindowWithBridge({ executablePath: binary, args: [projectRoot], cwd: projectRoot });
  });

  test('the packed app opens its window too', async () => {
    test.setTimeout(300_000);
    const { packLinux } = await import('../../scripts/package-check/pack-linux.ts');
    process.env.LEADBRIDGE_UPDATE_URL ??= 'https://updates.example.invalid/leadbridge';
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-packed-e2e-'));
    try {
      // Playwright drives Electron through --inspect, which the release's fuse turns off; every
      // other fuse is as shipped (package:check reads them back from the packed binary).
      const packed = await packLinux(projectRoot, path.dirname(binary ?? ''), workDir, {
        electronFuses: { enableNodeCliInspectArguments: true },
      });
      await expectWindowWithBridge({ executablePath: packed.executable, args: [] });
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});

async function expectWindowWithBridge(launch: {
  executablePath: string | undefined;
  args: string[];
  cwd?: string;
}): Promise<void> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-e2e-'));
  const app = await electron.launch({
    ...launch,
    args: [...launch.args, `--user-data-dir=${userData}`],
  });
  try {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    await expect(window).toHaveTitle(/Leadbridge/);
    await expect(window.locator('body')).toBeVisible();

    const info = await window.evaluate(() => {
      const bridge = (globalThis as { leadbridge?: LeadbridgeBridge }).leadbridge;
      return bridge?.appInfo();
    });
    expect(info).toMatchObject({ ok: true, value: { name: 'Leadbridge', hostKind: 'electron' } });

    // The page must not reach Node or raw IPC: only the named bridge exists.
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined' });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
}
