import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settingsSchema, SettingsService } from '../core/settings';

vi.mock('electron', () => ({}));
vi.mock('electron-store', () => import('./electron-store-on-conf'));

const { ElectronSettingsStore } = await import('./electron-settings-store');

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbridge-settings-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('ElectronSettingsStore', () => {
  it('starts empty, so the core uses its defaults', () => {
    expect(new SettingsService(new ElectronSettingsStore({ cwd })).get()).toEqual(
      settingsSchema.parse({}),
    );
  });

  it('keeps what the core saved for the next launch', () => {
    new SettingsService(new ElectronSettingsStore({ cwd })).update({ syncPaused: true });
    expect(new SettingsService(new ElectronSettingsStore({ cwd })).get().syncPaused).toBe(true);
  });

  it('starts with defaults when the file was broken by hand', () => {
    fs.writeFileSync(path.join(cwd, 'config.json'), '{ not json');
    expect(new SettingsService(new ElectronSettingsStore({ cwd })).get().syncPaused).toBe(false);
  });
});
