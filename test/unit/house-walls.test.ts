import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The walls of shared/DESIGN.md are lint rules; this proves each one bites.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('walls of the house', () => {
  it.each([
    ['src-main/core/x.ts', "import { app } from 'electron';"],
    ['src-main/core/x.ts', "import { startWebHost } from '../web-host/web-host';"],
    ['src-main/core/sync/x.ts', "import { tray } from '../../electron/tray';"],
    ['src-main/demo-org/x.ts', "import { app } from 'electron';"],
    ['src-main/demo-org/x.ts', "import { dispatch } from '../core/contract-dispatcher';"],
    ['src-renderer/x.ts', "import { dispatch } from '../src-main/core/contract-dispatcher';"],
    ['src-renderer/x.ts', "import fs from 'node:fs';"],
    ['src-main/web-host/x.ts', "import { ipcMain } from 'electron';"],
    ['src-preload/index.ts', "import { ipcMain } from 'electron';"],
    ['src-preload/contract.ts', "import { ipcRenderer } from 'electron';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBeGreaterThan(0);
  });

  it.each([
    ['src-main/electron/x.ts', "import { ipcMain } from 'electron';"],
    ['src-main/core/x.ts', "import { z } from 'zod';"],
    ['src-renderer/x.ts', "import { methods } from '../src-preload/contract';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(0);
  });
});
