import { z } from 'zod';
import {
  outboundSettingsSchema,
  receiverSettingsSchema,
  userSettingsSchema,
} from '../../src-preload/contract';
import type { SettingsStore } from './ports';

/** Least privilege by default; `full` is what the seed product asked for (see README). */
export const oauthScopeChoices = {
  api: ['api', 'refresh_token'],
  full: ['full', 'refresh_token'],
} as const;

export const settingsSchema = z.object({
  syncIntervalMinutes: userSettingsSchema.shape.syncIntervalMinutes.default(5),
  syncPaused: z.boolean().default(false),
  apiBudgetPercent: userSettingsSchema.shape.apiBudgetPercent.default(90),
  bulkImportThreshold: userSettingsSchema.shape.bulkImportThreshold.default(200_000),
  /** The External Client App's consumer key; empty means the build's default. */
  salesforceClientId: z.string().max(255).default(''),
  oauthScopes: z.enum(['api', 'full']).default('api'),
  /** Linux without a keyring: the user accepts tokens sealed by a hard-coded key (README). */
  allowInsecureSecretStorage: z.boolean().default(false),
  /** Off until the user asks: the desktop app then registers itself with the OS. */
  startAtLogin: z.boolean().default(false),
  /** The webhook receiver: off until an admin turns it on, on loopback behind a proxy or tunnel. */
  hooksReceiver: receiverSettingsSchema.default({
    enabled: false,
    port: 8787,
    bindAddress: '127.0.0.1',
  }),
  /** Instance events POSTed to the meeting platform: off until a URL is given. */
  outboundEvents: outboundSettingsSchema.default({ enabled: false, url: null }),
  /** Which notifications are out for an occurrence not over yet, so a restart repeats none. */
  notificationsShown: z
    .object({ reconnectNeeded: z.boolean(), writebackFailures: z.boolean() })
    .default({ reconnectNeeded: false, writebackFailures: false }),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Settings parsed once from the host's store. A key that does not parse (hand-edited file,
 * older version) falls back to its default instead of refusing to start.
 */
export class SettingsService {
  #current: Settings;

  constructor(private readonly store: SettingsStore) {
    this.#current = parseLeniently(store.load());
  }

  get(): Settings {
    return this.#current;
  }

  update(patch: Partial<Settings>): Settings {
    this.#current = settingsSchema.parse({ ...this.#current, ...patch });
    this.store.save(this.#current);
    return this.#current;
  }
}

function parseLeniently(raw: unknown): Settings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const fields = settingsSchema.shape;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    const parsed = fields[key].safeParse(source[key]);
    result[key] = parsed.success ? parsed.data : fields[key].parse(undefined);
  }
  return settingsSchema.parse(result);
}
