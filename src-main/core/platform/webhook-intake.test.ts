import { afterEach, describe, expect, it, vi } from 'vitest';
import { countCommits } from '../../../test/support/commit-counter';
import type { PlatformSecretName } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { platformFixture, platformFixtureBytes } from '../../../test/support/platform-fixtures';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { makeTempDirectory } from '../../../test/support/temp-directory';
import { openDatabase } from '../store/database';
import { PlatformInbox } from './platform-inbox';
import { WebhookIntake, type WebhookHeaders } from './webhook-intake';
import { sign } from './webhook-signature';

const secrets: Record<PlatformSecretName, string> = {
  timerex_token: 'timerex-token-0123456789',
  calendly_signing_key: 'calendly-signing-key-0123',
  generic_secret: 'generic-secret-0123456789',
  outbound_secret: 'outbound-secret-012345678',
};

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(configured: Partial<Record<PlatformSecretName, string>> = secrets) {
  const temp = makeTempDirectory('lb-intake');
  const { db } = openDatabase(`${temp.path}/leadbridge.db`);
  cleanups.push(() => {
    db.close();
    temp.remove();
  });
  const clock = new FakeClock(Date.parse('2026-11-30T05:12:45Z'));
  const inbox = new PlatformInbox(db, clock);
  const intake = new WebhookIntake({
    inbox,
    secrets: { current: (name) => configured[name] },
    clock,
    logger: createRecordingLogger(),
  });
  const rows = () =>
    db.prepare('SELECT source, kind, external_id, state FROM platform_events ORDER BY id').all();
  return { db, clock, inbox, intake, rows };
}

const nowSeconds = (clock: FakeClock) => Math.floor(clock.now() / 1000);
const timerexHeaders = {
  'x-timerex-authorization': secrets.timerex_token,
  'content-type': 'application/json',
};

describe('WebhookIntake', () => {
  it('stores a TimeRex booking with a valid token and answers 200 with its inbox id', async () => {
    const { intake, rows } = setup();
    const answer = await intake.receive(
      'timerex',
      timerexHeaders,
      platformFixtureBytes('timerex-event-confirmed'),
    );
    expect(answer).toEqual({ status: 200, body: { received: true, id: 1, duplicate: false } });
    expect(rows()).toEqual([
      { source: 'timerex', kind: 'booked', external_id: '3c9a1f07e5d24b6a81f2', state: 'pending' },
    ]);
  });

  it('keeps the raw body byte for byte beside the normalised event', async () => {
    const { intake, db } = setup();
    const raw = platformFixtureBytes('timerex-event-confirmed');
    await intake.receive('timerex', timerexHeaders, raw);
    const row = db.prepare('SELECT raw, event FROM platform_events').get() as {
      raw: Buffer;
      event: string;
    };
    expect(Buffer.compare(row.raw, raw)).toBe(0);
    expect(JSON.parse(row.event)).toMatchObject({
      source: 'timerex',
      guest: { email: 'hanako.yamada@example.co.jp' },
    });
  });

  it('refuses a wrong or missing TimeRex token with 401 and stores nothing', async () => {
    const { intake, rows } = setup();
    const body = platformFixtureBytes('timerex-event-confirmed');
    for (const headers of [
      { 'x-timerex-authorization': 'timerex-token-012345678X' },
      { 'x-timerex-authorization': '' },
      {},
      { authorization: secrets.timerex_token },
      { 'x-timerex-authorization': [secrets.timerex_token, secrets.timerex_token] },
    ]) {
      const answer = await intake.receive('timerex', headers, body);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
    }
    expect(rows()).toEqual([]);
  });

  it('answers 401 "not configured" for a source whose secret is not set, storing nothing', async () => {
    const { intake, rows } = setup({ generic_secret: secrets.generic_secret });
    const answer = await intake.receive(
      'timerex',
      timerexHeaders,
      platformFixtureBytes('timerex-event-confirmed'),
    );
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      error: {
        code: 'NOT_CONFIGURED',
        message: expect.stringMatching(/TimeRex token is not configured/),
      },
    });
    expect(rows()).toEqual([]);
  });

  it('verifies Calendly-Webhook-Signature with the signing key and refuses a stale or forged one', async () => {
    const { intake, clock, rows } = setup();
    const body = platformFixtureBytes('calendly-invitee-created');
    const stale = sign(secrets.calendly_signing_key, body, nowSeconds(clock) - 301);
    expect(
      (await intake.receive('calendly', { 'calendly-webhook-signature': stale }, body)).status,
    ).toBe(401);
    const forged = sign('someone-elses-key', body, nowSeconds(clock));
    expect(
      (await intake.receive('calendly', { 'calendly-webhook-signature': forged }, body)).status,
    ).toBe(401);
    expect(rows()).toEqual([]);
    const good = sign(secrets.calendly_signing_key, body, nowSeconds(clock));
    const answer = await intake.receive('calendly', { 'Calendly-Webhook-Signature': good }, body);
    expect(answer.status).toBe(200);
    expect(rows()).toMatchObject([{ source: 'calendly', kind: 'booked' }]);
  });

  it('verifies Leadbridge-Signature with the generic secret, not with another source’s secret', async () => {
    const { intake, clock, rows } = setup();
    const body = platformFixtureBytes('generic-attempt-invite');
    const withCalendlyKey = sign(secrets.calendly_signing_key, body, nowSeconds(clock));
    expect(
      (await intake.receive('generic', { 'leadbridge-signature': withCalendlyKey }, body)).status,
    ).toBe(401);
    const good = sign(secrets.generic_secret, body, nowSeconds(clock));
    expect((await intake.receive('generic', { 'leadbridge-signature': good }, body)).status).toBe(
      200,
    );
    expect(rows()).toMatchObject([{ source: 'generic', kind: 'invite_sent' }]);
  });

  it('a repeat of the same (source, id, kind) is 200 and stores nothing; the cancel of the same id is stored', async () => {
    const { intake, rows } = setup();
    const confirmed = platformFixtureBytes('timerex-event-confirmed');
    const first = await intake.receive('timerex', timerexHeaders, confirmed);
    const again = await intake.receive('timerex', timerexHeaders, confirmed);
    expect(again).toEqual({ status: 200, body: { received: true, id: 1, duplicate: true } });
    const cancel = await intake.receive(
      'timerex',
      timerexHeaders,
      platformFixtureBytes('timerex-event-cancelled'),
    );
    expect(cancel.body).toMatchObject({ id: 2, duplicate: false });
    expect(first.body).toMatchObject({ id: 1 });
    expect(rows().map((row) => (row as { kind: string }).kind)).toEqual(['booked', 'cancelled']);
  });

  it('answers 400 with a reason for a body that is not JSON or not the source’s event, storing nothing', async () => {
    const { intake, rows } = setup();
    const notJson = await intake.receive(
      'timerex',
      timerexHeaders,
      Buffer.from('{"webhook_type":'),
    );
    expect(notJson).toEqual({
      status: 400,
      body: { error: { code: 'MALFORMED_BODY', message: 'The body is not JSON.' } },
    });
    const wrongShape = await intake.receive(
      'timerex',
      timerexHeaders,
      Buffer.from(
        JSON.stringify({ ...platformFixture('timerex-event-confirmed'), webhook_type: 'ping' }),
      ),
    );
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body).toMatchObject({
      error: {
        message: expect.stringMatching(/^The body is not a timerex event: webhook_type: is not/),
      },
    });
    expect(rows()).toEqual([]);
  });

  it('answers 404 for a source it does not know, including "manual" and inherited names', async () => {
    const { intake } = setup();
    for (const source of ['zoom', 'manual', '', 'constructor', '__proto__', 'toString']) {
      const answer = await intake.receive(source, {}, Buffer.from('{}'));
      expect(answer.status).toBe(404);
    }
  });

  it('tells onStored listeners after a new event only, and still answers 200 when a listener throws', async () => {
    const { intake } = setup();
    let kicks = 0;
    intake.onStored(() => (kicks += 1));
    const off = intake.onStored(() => {
      throw new Error('applier broke');
    });
    const body = platformFixtureBytes('timerex-event-confirmed');
    expect((await intake.receive('timerex', timerexHeaders, body)).status).toBe(200);
    expect((await intake.receive('timerex', timerexHeaders, body)).status).toBe(200);
    off();
    expect(kicks).toBe(1);
  });

  it('the event is committed when the answer is given: another connection sees it at once', async () => {
    const { intake, db } = setup();
    let seenByListener = 0;
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const other = new BetterSqlite3(db.name, { readonly: true });
    cleanups.unshift(() => other.close());
    intake.onStored(() => {
      seenByListener = other
        .prepare('SELECT COUNT(*) FROM platform_events')
        .pluck()
        .get() as number;
    });
    await intake.receive(
      'timerex',
      timerexHeaders,
      platformFixtureBytes('timerex-event-confirmed'),
    );
    expect(seenByListener).toBe(1);
  });

  it('commits a burst of webhooks once, answering each only after that commit; a repeat in the burst is a duplicate', async () => {
    const { intake, inbox, db, clock } = setup();
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const other = new BetterSqlite3(db.name, { readonly: true });
    cleanups.unshift(() => other.close());
    const storedOutsideATransaction = vi.fn();
    const store = inbox.store.bind(inbox);
    vi.spyOn(inbox, 'store').mockImplementation((event, raw) => {
      if (!db.inTransaction) storedOutsideATransaction();
      return store(event, raw);
    });
    const commits = countCommits(db);
    const invite = platformFixtureBytes('generic-attempt-invite');
    const burst: [string, WebhookHeaders, Buffer][] = [
      ['timerex', timerexHeaders, platformFixtureBytes('timerex-event-confirmed')],
      ['timerex', timerexHeaders, platformFixtureBytes('timerex-event-confirmed')],
      ['timerex', timerexHeaders, platformFixtureBytes('timerex-event-cancelled')],
      [
        'generic',
        { 'leadbridge-signature': sign(secrets.generic_secret, invite, nowSeconds(clock)) },
        invite,
      ],
    ];
    const answers = await Promise.all(
      burst.map(([source, headers, body]) =>
        intake.receive(source, headers, body).then((answer) => ({
          ...answer,
          visibleElsewhere: other.prepare('SELECT COUNT(*) FROM platform_events').pluck().get(),
        })),
      ),
    );
    expect(answers.map((answer) => answer.body)).toMatchObject([
      { id: 1, duplicate: false },
      { id: 1, duplicate: true },
      { id: 2, duplicate: false },
      { id: 3, duplicate: false },
    ]);
    expect(answers.map((answer) => answer.visibleElsewhere)).toEqual([3, 3, 3, 3]);
    expect(storedOutsideATransaction).not.toHaveBeenCalled();
    expect(commits.count).toBe(1);
  });

  it('answers 503 (send again) when the store fails, and never throws', async () => {
    const { intake, db } = setup();
    db.exec('DROP TABLE platform_events');
    const answer = await intake.receive(
      'timerex',
      timerexHeaders,
      platformFixtureBytes('timerex-event-confirmed'),
    );
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'NOT_STORED' } } });
  });
});
