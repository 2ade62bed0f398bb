import BetterSqlite3 from 'better-sqlite3';
import type { PlatformSecretName } from '../../src-preload/contract';
import { PlatformInbox } from '../../src-main/core/platform/platform-inbox';
import { WebhookIntake } from '../../src-main/core/platform/webhook-intake';
import { applyMigrations } from '../../src-main/core/store/migrations';
import { migrations } from '../../src-main/core/store/schema';
import { FakeClock } from './fake-clock';
import { createRecordingLogger } from './silent-logger';

export const intakeSecrets: Record<PlatformSecretName, string> = {
  timerex_token: 'timerex-token-0123456789',
  calendly_signing_key: 'calendly-signing-key-0123',
  generic_secret: 'generic-secret-0123456789',
  outbound_secret: 'outbound-secret-012345678',
};

/** A WebhookIntake on an in-memory inbox with every secret set; `stored()` counts its rows. */
export function createIntakeFixture() {
  const db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  const clock = new FakeClock(Date.parse('2026-11-30T05:12:45Z'));
  const inbox = new PlatformInbox(db, clock);
  const intake = new WebhookIntake({
    inbox,
    secrets: { current: (name) => intakeSecrets[name] },
    clock,
    logger: createRecordingLogger(),
  });
  const stored = () => db.prepare('SELECT COUNT(*) FROM platform_events').pluck().get() as number;
  return { db, clock, inbox, intake, stored, close: () => void db.close() };
}
