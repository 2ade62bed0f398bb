// `npm run package:check`: packs the desktop app as a Linux release would (electron-builder,
// deb and rpm targets, against a stand-in Electron: no Electron binary can run here) and
// checks what a release needs of the package. One line per check; exit 1 when any fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { buildWhenStale } from './start/build-when-stale.ts';
import {
  checkAppFiles,
  checkDesktopEntry,
  checkFuses,
  checkMetadata,
  checkNativeBinariesUnpacked,
  checkNoRendererPackages,
  checkProtocol,
  checkUpdateConfiguration,
  importedPackages,
  packedPackages,
  type CheckResult,
} from './package-check/checks.ts';
import { linkPackedApp } from './package-check/link-packed-app.ts';
import { packLinux, type PackedLinuxApp } from './package-check/pack-linux.ts';
import { configuredFuses, packedFuses } from './package-check/packed-fuses.ts';
import { createStandInElectron } from './package-check/stand-in-electron.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const scheme = 'leadbridge';
/** `--keep` leaves the packed app and the extracted app.asar for a look after a failure. */
const keepWorkDir = process.argv.includes('--keep');
/** Where a release's updates would be; the check only needs some address to find in app-update.yml. */
const updateUrl = (process.env.LEADBRIDGE_UPDATE_URL ??=
  'https://updates.example.invalid/leadbridge');

function filesUnder(root: string, relative: string): string[] {
  return fs
    .readdirSync(path.join(root, relative), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Packages the renderer imports that the main process does not (it needs them at runtime). */
function isRuntimeSource(file: string): boolean {
  return /\.(ts|tsx|css)$/.test(file) && !/\.test\.tsx?$/.test(file);
}

function rendererOnlyPackages(packedMainSource: string): Set<string> {
  const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');
  const renderer = importedPackages(
    filesUnder(projectRoot, 'src-renderer').filter(isRuntimeSource).map(read).join('\n'),
  );
  const main = importedPackages(packedMainSource);
  return new Set([...renderer].filter((name) => !main.has(name)));
}

async function checkPackage(packed: PackedLinuxApp, workDir: string): Promise<CheckResult[]> {
  const resources = path.join(packed.appDirectory, 'resources');
  const asarFile = path.join(resources, 'app.asar');
  const asarFiles = new Set(
    asar.listPackage(asarFile, { isPack: false }).map((file) => file.replace(/^[/\\]/, '')),
  );
  const packedPackage = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8'));
  const config = await getConfig(projectRoot, 'electron-builder.yml', null);
  const builtFiles = ['out/main', 'out/preload', 'out/renderer', 'resources'].flatMap((folder) =>
    filesUnder(projectRoot, folder),
  );
  const packedMainSource = [...asarFiles]
    .filter((file) => file.startsWith('out/main/') && file.endsWith('.js'))
    .map((file) => asar.extractFile(asarFile, file).toString('utf8'))
    .join('\n');
  const nativeBinaries = [...asarFiles]
    .filter((file) => file.endsWith('.node'))
    .map((file) => ({
      path: file,
      unpacked: (asar.statFile(asarFile, file) as { unpacked?: boolean }).unpacked === true,
      onDisk: fs.existsSync(path.join(`${asarFile}.unpacked`, file)),
    }));
  const appUpdateFile = path.join(resources, 'app-update.yml');
  const schemes = (config.protocols ? [config.protocols].flat() : []).flatMap(
    (protocol) => protocol.schemes,
  );

  return [
    checkAppFiles(asarFiles, builtFiles),
    checkNoRendererPackages(packedPackages(asarFiles), rendererOnlyPackages(packedMainSource)),
    checkNativeBinariesUnpacked(nativeBinaries, 'better-sqlite3/prebuilds/linux-x64.node'),
    checkFuses(configuredFuses(config.electronFuses ?? {}), await packedFuses(packed.executable)),
    checkProtocol(schemes, scheme),
    ...[...packed.targets].map(([target, output]) => {
      const installed = output.fpmArguments.find((argument) =>
        argument.includes('=/usr/share/applications/'),
      );
      return checkDesktopEntry(
        { target, text: output.desktopEntry, installedAs: installed?.split('=').pop() ?? '' },
        scheme,
        packedPackage.desktopName,
      );
    }),
    checkMetadata(packedPackage, config.linux?.maintainer),
    checkUpdateConfiguration(
      fs.existsSync(appUpdateFile) ? fs.readFileSync(appUpdateFile, 'utf8') : undefined,
      updateUrl,
    ),
    linkPackedApp(asarFile, packedMainSource, workDir),
  ];
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const built = buildWhenStale(projectRoot);
  if (built !== 0) return built;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-package-check-'));
  try {
    let packed: PackedLinuxApp;
    try {
      packed = await packLinux(
        projectRoot,
        createStandInElectron(workDir),
        path.join(workDir, 'dist'),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`FAIL electron-builder could not pack the app for Linux: ${reason}`);
      return 1;
    }
    console.log(`packed in ${((performance.now() - startedAt) / 1000).toFixed(1)}s`);
    const asarBytes = fs.statSync(path.join(packed.appDirectory, 'resources', 'app.asar')).size;
    console.log(
      `packed: app.asar ${(asarBytes / 1024 / 1024).toFixed(1)} MiB (${asarBytes} bytes)`,
    );
    const results = await checkPackage(packed, workDir);
    for (const check of results) {
      console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    }
    const failed = results.filter((check) => !check.ok).length;
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      failed === 0
        ? `package:check passed ${results.length} checks in ${seconds}s`
        : `package:check: ${failed} of ${results.length} checks failed (${seconds}s)`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    if (keepWorkDir) console.log(`kept the packed app in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

// Exit explicitly: electron-builder's temp-file cleanup (async-exit-hook) turns the process's
// `beforeExit` into process.exit(0), which would drop a failing check's exit code.
process.exit(await main());
