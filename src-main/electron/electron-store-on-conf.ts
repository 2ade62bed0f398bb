/**
 * Test support: electron-store's file format without Electron. electron-store is conf plus
 * Electron's userData path; vitest cannot hand it a mocked `electron` (it loads from
 * node_modules untransformed), so tests substitute this with an explicit `cwd`.
 */
import Conf from 'conf';
import type { Options } from 'electron-store';

export default class ElectronStoreOnConf<T extends Record<string, unknown>> extends Conf<T> {
  constructor({ name, ...options }: Options<T> = {}) {
    super({ ...options, configName: name ?? 'config' });
  }
}
