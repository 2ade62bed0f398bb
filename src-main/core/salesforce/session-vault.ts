import { z } from 'zod';
import type { SecretStore } from '../ports';

const orgKindSchema = z.enum(['production', 'sandbox', 'my-domain', 'demo']);

/**
 * Everything needed to call the org, kept as one sealed value so that a rotated refresh
 * token and its access token are replaced together or not at all.
 */
export const storedSessionSchema = z.object({
  orgKind: orgKindSchema,
  loginUrl: z.string(),
  /** The client id the grant was issued to: refreshes must name the same one. */
  clientId: z.string(),
  instanceUrl: z.string(),
  identityUrl: z.string(),
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  scope: z.string().nullable(),
  issuedAt: z.string(),
  lastRefreshedAt: z.string().nullable(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

const KEY = 'salesforce.session';

export class SessionVault {
  constructor(private readonly secrets: SecretStore) {}

  async load(): Promise<StoredSession | undefined> {
    const raw = await this.secrets.get(KEY);
    if (raw === undefined) return undefined;
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  save(session: StoredSession): Promise<void> {
    return this.secrets.set(KEY, JSON.stringify(session));
  }

  clear(): Promise<void> {
    return this.secrets.delete(KEY);
  }
}
