// Extracts app.asar and runs the link probe on it in a Node 24 child process.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import asar from '@electron/asar';
import { importedPackages, type CheckResult } from './checks.ts';
import { writeElectronStub } from './electron-stub.ts';

const require = createRequire(import.meta.url);

export function linkPackedApp(
  asarFile: string,
  packedMainSource: string,
  workDir: string,
): CheckResult {
  const name = 'the packed main script links under Node 24 with a stub electron';
  const appFolder = path.join(workDir, 'extracted-app');
  asar.extractAll(asarFile, appFolder);
  const stubFile = path.join(workDir, 'electron-stub.mjs');
  writeElectronStub(
    path.join(path.dirname(require.resolve('electron/package.json')), 'electron.d.ts'),
    stubFile,
  );
  const probe = spawnSync(
    process.execPath,
    [
      path.join(import.meta.dirname, 'link-probe.ts'),
      appFolder,
      stubFile,
      JSON.stringify([...importedPackages(packedMainSource)]),
    ],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_PATH: '' } },
  );
  if (probe.status === 0) return { name, ok: true, detail: probe.stdout.trim() };
  const reason = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim();
  return {
    name,
    ok: false,
    detail: `Importing the packed app failed, as it would at launch (a runtime import missing from dependencies?): ${reason}`,
  };
}
