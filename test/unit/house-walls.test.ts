import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The walls of shared/DESIGN.md are lint rules (eslint.config.js). Each case names one wall and
// one way through it, and expects that wall's own message: a wall removed, or narrowed so that
// one folder, package or form of loading slips past it, turns its case red.
const eslint = new ESLint({ cwd: process.cwd() });

const WALL = {
  plainNode: 'This folder must run on plain Node: receive what you need as a port instead.',
  hostFreeCore: 'The core is host-free: hosts compose it, never the other way round.',
  orgKnowsNoClient: 'The demo org stands for a real org: it must not know the client.',
  schedulerKnowsNoClient:
    'The demo scheduler stands for a real meeting platform: it must not know the client.',
  hooksReachIntakeOnly:
    'The webhook receiver reaches the intake only: never the API, the UI or a host.',
  contractOnlyZod:
    'The contract (and the bridge names and log kind words it shares) import only zod.',
  browserOnly: 'This code runs in the browser page: no Node modules.',
  rendererThroughContract: 'The renderer talks to main only through the contract.',
  ipcMainInElectronFolder:
    'Only src-main/electron binds ipcMain (through its typed handler wrapper).',
} as const;
type Wall = keyof typeof WALL;

/** The walls whose message a lint of `code` in `filePath` reports; any other import restriction as itself. */
async function wallsHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map(
      (m) => Object.entries(WALL).find(([, text]) => m.message.includes(text))?.[0] ?? m.message,
    );
}

/** The four ways a module loads another: each must meet the same wall. */
const loads = (specifier: string): [string, string][] => [
  ['import', `import x from '${specifier}'; void x;`],
  ['export from', `export * from '${specifier}';`],
  ['import()', `void import('${specifier}');`],
  ['require()', `require('${specifier}');`],
];

const breaches: [Wall, string, string][] = [
  ['plainNode', 'src-main/core/sync/x.ts', 'electron'],
  ['plainNode', 'src-main/core/x.ts', 'electron/main'],
  ['hostFreeCore', 'src-main/core/x.ts', '../electron/tray'],
  ['hostFreeCore', 'src-main/core/sync/x.ts', '../../electron'],
  ['hostFreeCore', 'src-main/core/x.ts', '../web-host/web-host'],
  ['hostFreeCore', 'src-main/core/x.ts', '../web-host'],
  ['hostFreeCore', 'src-main/core/x.ts', '../headless/run-headless'],
  ['hostFreeCore', 'src-main/core/x.ts', '../demo-org/index'],
  ['hostFreeCore', 'src-main/core/platform/x.ts', '../../hooks-host/hooks-host'],
  ['plainNode', 'src-main/hooks-host/x.ts', 'electron'],
  ['hooksReachIntakeOnly', 'src-main/hooks-host/x.ts', '../web-host/web-host'],
  ['hooksReachIntakeOnly', 'src-main/hooks-host/x.ts', '../headless/run-headless'],
  ['hooksReachIntakeOnly', 'src-main/hooks-host/x.ts', '../../src-renderer/app/routes'],
  ['hostFreeCore', 'src-main/core/x.ts', '../demo-org'],
  ['hostFreeCore', 'src-main/core/x.ts', '../demo-scheduler/index'],
  ['hostFreeCore', 'src-main/core/channels/x.ts', '../../demo-scheduler'],
  ['hostFreeCore', 'src-main/core/x.ts', '../../src-renderer/app/routes'],
  ['plainNode', 'src-main/demo-org/x.ts', 'electron'],
  ['orgKnowsNoClient', 'src-main/demo-org/x.ts', '../core/contract-dispatcher'],
  ['orgKnowsNoClient', 'src-main/demo-org/x.ts', '../core'],
  ['orgKnowsNoClient', 'src-main/demo-org/demo-page/x.ts', '../../core/sync/lead-sync'],
  ['orgKnowsNoClient', 'src-main/demo-org/x.ts', '../electron/tray'],
  ['orgKnowsNoClient', 'src-main/demo-org/x.ts', '../web-host/web-host'],
  ['orgKnowsNoClient', 'src-main/demo-org/x.ts', '../headless/run-headless'],
  ['plainNode', 'src-main/demo-scheduler/x.ts', 'electron'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../core/platform/webhook-signature'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../core'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/pages/x.ts', '../../core/errors'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../demo-org/index'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../demo-org'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../hooks-host/hooks-host'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../headless/run-headless'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../web-host/web-host'],
  ['schedulerKnowsNoClient', 'src-main/demo-scheduler/x.ts', '../../src-preload/contract'],
  ['contractOnlyZod', 'src-preload/contract.ts', 'electron'],
  ['contractOnlyZod', 'src-preload/contract.ts', 'node:fs'],
  ['contractOnlyZod', 'src-preload/contract.ts', './bridge-names'],
  ['contractOnlyZod', 'src-preload/contract.ts', '../src-main/core/errors'],
  ['contractOnlyZod', 'src-preload/bridge-names.ts', './index'],
  ['contractOnlyZod', 'src-preload/log-words.ts', '../src-main/core/store/log-csv'],
  ['plainNode', 'src-renderer/x.ts', 'electron'],
  ['browserOnly', 'src-renderer/x.ts', 'node:fs'],
  ['browserOnly', 'src-renderer/x.ts', 'fs'],
  ['browserOnly', 'src-renderer/screens/x.tsx', 'fs/promises'],
  ['browserOnly', 'src-renderer/x.ts', 'child_process'],
  ['rendererThroughContract', 'src-renderer/x.ts', '../src-main/core/contract-dispatcher'],
  ['rendererThroughContract', 'src-renderer/api/x.ts', '../../src-main'],
  ['rendererThroughContract', 'src-renderer/api/x.ts', '../../src-preload/index'],
  ['rendererThroughContract', 'src-renderer/api/x.ts', '../../src-preload'],
];

describe('walls of the house', () => {
  describe.each(breaches)('%s: %s may not load %s', (wall, file, specifier) => {
    it.each(loads(specifier))('by %s', async (_how, code) => {
      expect(await wallsHit(file, code)).toContain(wall);
    });
  });

  it.each([
    ['src-main/web-host/x.ts', "import { ipcMain } from 'electron';"],
    ['src-preload/index.ts', "import { ipcMain } from 'electron';"],
    ['src-main/headless/x.ts', "import { ipcMain } from 'electron';"],
  ])('ipcMainInElectronFolder: %s may not: %s', async (file, code) => {
    expect(await wallsHit(file, code)).toContain('ipcMainInElectronFolder');
  });

  it.each([
    ['src-main/electron/x.ts', "import { ipcMain } from 'electron';"],
    ['src-preload/index.ts', "import { contextBridge } from 'electron';"],
    ['src-main/core/x.ts', "import { z } from 'zod';"],
    ['src-main/core/sync/x.ts', "import { AppError } from '../errors';"],
    ['src-main/core/x.ts', "import type { Methods } from '../../src-preload/contract';"],
    ['src-main/core/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-main/demo-org/x.ts', "import http from 'node:http';"],
    ['src-main/hooks-host/x.ts', "import http from 'node:http';"],
    [
      'src-main/hooks-host/x.ts',
      "import type { WebhookIntake } from '../core/platform/webhook-intake';",
    ],
    ['src-main/demo-org/x.ts', "import { parseQuery } from '@jetstreamapp/soql-parser-js';"],
    ['src-main/demo-scheduler/x.ts', "import { createHmac } from 'node:crypto';"],
    ['src-main/demo-scheduler/pages/x.ts', "import { escapeHtml } from '../http';"],
    ['src-preload/contract.ts', "import { z } from 'zod';"],
    ['src-preload/bridge-names.ts', "import type { MethodName } from './contract';"],
    ['src-renderer/x.ts', "import { methods } from '../src-preload/contract';"],
    ['src-renderer/api/x.ts', "import { bridgeMethodName } from '../../src-preload/bridge-names';"],
    ['src-renderer/format/x.ts', "import { logKindLabel } from '../../src-preload/log-words';"],
    ['src-renderer/x.ts', "import { create } from 'zustand';"],
    ['src-renderer/x.ts', "const screen = import('./screens/leads');"],
  ])('%s may: %s', async (file, code) => {
    expect(await wallsHit(file, code)).toEqual([]);
  });
});
