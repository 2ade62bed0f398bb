import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesktopLog, openLogsFolder } from './log-folder';

const folders: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
function logsFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-logs-'));
  folders.push(folder);
  return folder;
}

describe('the desktop log', () => {
  it('writes a packaged app’s lines to leadbridge.log only', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const directory = logsFolder();
    createDesktopLog({ directory, packaged: true }).logger.warn('secret could not be decrypted', {
      name: 'salesforce.session',
    });
    const entry = JSON.parse(fs.readFileSync(path.join(directory, 'leadbridge.log'), 'utf8'));
    expect(entry).toMatchObject({ level: 'warn', scope: 'electron', name: 'salesforce.session' });
    expect(stderr).not.toHaveBeenCalled();
  });

  it('keeps stderr too while developing', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const directory = logsFolder();
    createDesktopLog({ directory, packaged: false }).logger.info('core started');
    expect(fs.readFileSync(path.join(directory, 'leadbridge.log'), 'utf8')).toContain(
      'core started',
    );
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('core started'));
  });
});

describe('openLogsFolder', () => {
  it('opens the folder and says what to do when the OS cannot', async () => {
    const shell = { openPath: vi.fn(async () => '') };
    await openLogsFolder(shell, '/home/ana/.config/Leadbridge/logs');
    expect(shell.openPath).toHaveBeenCalledWith('/home/ana/.config/Leadbridge/logs');

    shell.openPath.mockResolvedValue('No application is associated');
    await expect(openLogsFolder(shell, '/logs')).rejects.toMatchObject({
      code: 'LOGS_FOLDER_NOT_OPENED',
      message: expect.stringContaining('Open /logs in your file manager'),
    });
  });
});
