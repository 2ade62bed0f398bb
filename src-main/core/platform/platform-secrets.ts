import { randomBytes } from 'node:crypto';
import {
  platformSecretNameSchema,
  type PlatformSecretName,
  type PlatformStatus,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { SecretStore } from '../ports';
import type { SecretLookup } from './webhook-intake';

/**
 * Where a platform-made secret comes from. The others (generic, outbound) Leadbridge may make
 * up itself: the other end is configured from Leadbridge.
 */
const madeByThePlatform: Partial<Record<PlatformSecretName, string>> = {
  timerex_token:
    'Copy the security token TimeRex shows for the webhook (Personal or Team Settings → Integrations), and paste it here.',
  calendly_signing_key:
    'Paste the signing key you gave Calendly when creating the webhook subscription.',
};

/**
 * The receiver's and the outbound events' secrets, kept in the host's SecretStore (encrypted at
 * rest, as the Salesforce tokens) under `platform.<name>`, and in memory so that verifying a
 * webhook never waits on the keyring. Only a hint (the last 4 characters) ever leaves.
 */
export class PlatformSecrets implements SecretLookup {
  readonly #values = new Map<PlatformSecretName, string>();

  constructor(
    private readonly store: SecretStore,
    private readonly generate: () => string = () => randomBytes(32).toString('base64url'),
  ) {}

  /** Reads every secret once at start. */
  async load(): Promise<void> {
    for (const name of platformSecretNameSchema.options) {
      const value = await this.store.get(storeKey(name));
      if (value) this.#values.set(name, value);
    }
  }

  current(name: PlatformSecretName): string | undefined {
    return this.#values.get(name);
  }

  hints(): PlatformStatus['secrets'] {
    const hint = (name: PlatformSecretName) => {
      const value = this.#values.get(name);
      return { set: value !== undefined, hint: value === undefined ? null : value.slice(-4) };
    };
    return {
      timerex_token: hint('timerex_token'),
      calendly_signing_key: hint('calendly_signing_key'),
      generic_secret: hint('generic_secret'),
      outbound_secret: hint('outbound_secret'),
    };
  }

  /**
   * Stores `value`, or a generated one for the generic and outbound secrets; answers the
   * generated secret (to show once) or null.
   */
  async set(name: PlatformSecretName, value: string | undefined): Promise<string | null> {
    const instruction = madeByThePlatform[name];
    if (value === undefined && instruction) {
      throw new AppError('SECRET_REQUIRED', `This secret comes from the platform. ${instruction}`);
    }
    const secret = value ?? this.generate();
    await this.store.set(storeKey(name), secret);
    this.#values.set(name, secret);
    return value === undefined ? secret : null;
  }
}

function storeKey(name: PlatformSecretName): string {
  return `platform.${name}`;
}
