import Store from 'electron-store';
import type { SettingsStore } from '../core/ports';

/**
 * Settings in electron-store's `config.json` under userData. Stays dumb on purpose: the
 * core parses what comes back key by key and falls back to defaults.
 */
export class ElectronSettingsStore implements SettingsStore {
  readonly #file: Store<Record<string, unknown>>;

  constructor(options: { cwd?: string } = {}) {
    this.#file = new Store<Record<string, unknown>>({
      name: 'config',
      ...(options.cwd ? { cwd: options.cwd } : {}),
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      // A hand-broken file must not stop the app: the core restores each default.
      clearInvalidConfig: true,
    });
  }

  load(): unknown {
    return this.#file.store;
  }

  save(value: Record<string, unknown>): void {
    this.#file.store = value;
  }
}
