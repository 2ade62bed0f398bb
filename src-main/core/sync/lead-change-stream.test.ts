import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState, SyncStatus } from '../../../src-preload/contract';
import { FakeClock } from '../../../test/support/fake-clock';
import { createRecordingLogger } from '../../../test/support/silent-logger';
import { syncStatusFixture } from '../../../test/support/sync-status-fixture';
import { LogRepository } from '../store/log-repository';
import { applyMigrations } from '../store/migrations';
import { migrations } from '../store/schema';
import { SyncStateRepository } from '../store/sync-state-repository';
import {
  LeadChangeStream,
  metaFailure,
  subscribeFailure,
  type BayeuxMessage,
  type CometExtension,
  type StreamSession,
} from './lead-change-stream';
import { STREAM_SYNCS_PER_DAY } from './stream-timing';

/** A CometD client the test drives: it acknowledges, refuses or drops by hand. */
class FakeClient {
  closed = false;
  listener: ((data: unknown) => void) | undefined;
  down: (() => void) | undefined;
  settle: { ok(): void; failed(error: unknown): void } | undefined;
  constructor(readonly extensions: CometExtension[]) {}
  subscribe(_channel: string, listener: (data: unknown) => void) {
    this.listener = listener;
    return {
      then: (ok: () => void, failed: (error: unknown) => void) => (this.settle = { ok, failed }),
    };
  }
  onTransportDown(listener: () => void) {
    this.down = listener;
  }
  close() {
    this.closed = true;
  }
  /** Delivers a server message through the extensions, as faye would. */
  incoming(message: BayeuxMessage) {
    for (const extension of this.extensions) extension.incoming?.(message, () => undefined);
  }
}

let clock: FakeClock;
let db: BetterSqlite3.Database;
let clients: FakeClient[];
let syncRequests: number;
let status: SyncStatus;
const syncListeners: ((status: SyncStatus) => void)[] = [];
const connectionListeners: ((status: { state: ConnectionState }) => void)[] = [];

const signedIn: StreamSession = { instanceUrl: 'https://org.example', accessToken: 'secret-token' };

function setup(session: () => Promise<StreamSession | undefined> = async () => signedIn) {
  const log = new LogRepository(db, clock);
  const logger = createRecordingLogger();
  const stream = new LeadChangeStream({
    state: new SyncStateRepository(db),
    log,
    logger,
    clock,
    session,
    sync: {
      status: () => status,
      onChange: (listener) => syncListeners.push(listener),
      syncChanges: () => void (syncRequests += 1),
    },
    connection: { onChange: (listener) => connectionListeners.push(listener) },
    openClient: (_session, extensions) => {
      const client = new FakeClient(extensions);
      clients.push(client);
      return client;
    },
  });
  const kinds = () =>
    log
      .list({ limit: 100 })
      .entries.map((e) => e.kind)
      .reverse();
  return { stream, log, logger, kinds };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const setSync = (patch: Partial<SyncStatus>) => {
  status = { ...status, ...patch };
  for (const listener of syncListeners) listener(status);
};
const connect = async (state: ConnectionState = 'connected') => {
  for (const listener of connectionListeners) listener({ state });
  await settle();
};
const latest = () => clients.at(-1)!;
/** A vault read that answers only when the test says, to act while the session loads. */
const heldSession = () => {
  let release: () => void = () => undefined;
  const loaded = new Promise<StreamSession>((resolve) => (release = () => resolve(signedIn)));
  return { session: () => loaded, release };
};
const warnings = (logger: ReturnType<typeof setup>['logger']) =>
  logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
/** The org refuses the token, as Salesforce answers a handshake with an expired one. */
const refuseToken = () =>
  latest().incoming({
    channel: '/meta/handshake',
    successful: false,
    error: '403::Handshake denied',
    ext: { sfdc: { failureReason: '401::Authentication invalid' } },
  });

beforeEach(() => {
  clock = new FakeClock();
  db = new BetterSqlite3(':memory:');
  applyMigrations(db, migrations);
  clients = [];
  syncRequests = 0;
  status = syncStatusFixture();
  syncListeners.length = 0;
  connectionListeners.length = 0;
});

describe('LeadChangeStream', () => {
  it('subscribes when connected, debounces events into one sync, and closes on pause', async () => {
    const { stream, kinds } = setup();
    expect(clients).toHaveLength(0);
    await connect();
    latest().settle!.ok();
    expect(stream.isLive()).toBe(true);
    for (let id = 1; id <= 3; id += 1) latest().listener!({ event: { replayId: id } });
    clock.advance(499);
    expect(syncRequests).toBe(0);
    clock.advance(1);
    expect(syncRequests).toBe(1);

    latest().listener!({ event: { replayId: 4 } });
    setSync({ paused: true });
    clock.advance(1_000);
    expect(syncRequests).toBe(1);
    expect(latest().closed).toBe(true);
    expect(kinds()).toEqual(['sync.streaming-started', 'sync.streaming-stopped']);
  });

  it('saves the replay id once per sync it asks for, not once per event, and at close', async () => {
    setup();
    const saved = vi.spyOn(SyncStateRepository.prototype, 'set');
    await connect();
    latest().settle!.ok();
    for (let id = 1; id <= 50; id += 1) latest().listener!({ event: { replayId: id } });
    expect(saved).not.toHaveBeenCalled();
    clock.advance(500);
    expect(syncRequests).toBe(1);
    expect(saved.mock.calls).toEqual([
      ['leadChangeReplay', { instanceUrl: 'https://org.example', replayId: 50 }],
    ]);
    latest().listener!({ event: { replayId: 51 } });
    await connect('disconnected');
    expect(saved.mock.calls.at(-1)).toEqual([
      'leadChangeReplay',
      { instanceUrl: 'https://org.example', replayId: 51 },
    ]);
    await connect();
    expect(latest().extensions[0]).toMatchObject({ _replay: 51 });
    saved.mockRestore();
  });

  it('after an auth refusal, asks for one sync and resubscribes once a sync succeeded', async () => {
    setup();
    await connect();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(1);
    expect(clients[0]!.closed).toBe(true);
    clock.advance(10 * 60_000);
    expect(clients).toHaveLength(1);

    setSync({ lastSyncAt: '2026-11-22T09:05:00.000Z' });
    await settle();
    expect(clients).toHaveLength(2);

    // Refused again before it was ever live: no second sync of its own, the poll's will do.
    latest().incoming({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
    });
    await settle();
    expect(syncRequests).toBe(1);
    setSync({ lastSyncAt: '2026-11-22T09:10:00.000Z' });
    await settle();
    expect(clients).toHaveLength(3);
  });

  it('after an auth refusal, resubscribes for a sync that succeeded, not one that started, failed or was emptied with the cache', async () => {
    status = syncStatusFixture({ lastSyncAt: '2026-11-22T09:00:00.000Z' });
    setup();
    await connect();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(1);
    setSync({ state: 'syncing' });
    setSync({ state: 'error' });
    setSync({ state: 'idle', lastSyncAt: null });
    await settle();
    expect(clients).toHaveLength(1);
    setSync({ lastSyncAt: '2026-11-22T09:10:00.000Z' });
    await settle();
    expect(clients).toHaveLength(2);
  });

  it('asks for a sync when the token is refused after the stream was live, once per live period', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(1);
    setSync({ lastSyncAt: '2026-11-22T09:05:00.000Z' });
    await settle();
    latest().settle!.ok();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(2);
  });

  it('backs off 1 s, 2 s … after network failures, and starts over once live', async () => {
    setup();
    await connect();
    latest().down!();
    clock.advance(999);
    await settle();
    expect(clients).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(clients).toHaveLength(2);
    latest().down!();
    clock.advance(1_999);
    await settle();
    expect(clients).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(clients).toHaveLength(3);

    latest().settle!.ok();
    latest().down!();
    clock.advance(1_000);
    await settle();
    expect(clients).toHaveLength(4);
  });

  it('stays on polling after the org refuses the channel, logging it once', async () => {
    const { kinds, log } = setup();
    await connect();
    latest().settle!.failed({
      code: 400,
      message: 'The channel you requested to subscribe to does not exist {/data/LeadChangeEvent}',
    });
    setSync({ paused: true });
    setSync({ paused: false });
    clock.advance(10 * 60_000);
    await settle();
    expect(clients).toHaveLength(1);
    expect(kinds()).toEqual(['sync.streaming-unavailable']);
    expect(JSON.stringify(log.list({ limit: 10 }))).not.toContain('secret-token');

    // A new sign-in asks again.
    await connect('disconnected');
    await connect();
    expect(clients).toHaveLength(2);
  });

  it('starts over from new events when the stored replay id has expired, then syncs once, when live', async () => {
    const { kinds, log } = setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 7 } });
    clock.advance(500);
    expect(syncRequests).toBe(1);
    await connect('disconnected');
    await connect();
    expect(latest().extensions[0]).toMatchObject({ _replay: 7 });
    latest().settle!.failed({
      code: 400,
      message:
        'The replayId {7} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.',
    });
    await settle();
    expect(latest().extensions[0]).toMatchObject({ _replay: -1 });
    // Not before the fresh subscription is live: edits in between would wait for the poll.
    expect(syncRequests).toBe(1);
    latest().settle!.ok();
    expect(syncRequests).toBe(2);
    expect(kinds().slice(-2)).toEqual(['sync.streaming-replay-expired', 'sync.streaming-started']);
    expect(
      log.list({ limit: 10, kinds: ['sync.streaming-replay-expired'] }).entries[0]!.details,
    ).toMatchObject({ replayFrom: 7 });
    // Once: a later resubscription (after a network gap) has missed nothing.
    latest().down!();
    clock.advance(1_000);
    await settle();
    latest().settle!.ok();
    expect(syncRequests).toBe(2);
  });

  it('waits and backs off, rather than looping, if even a subscription for new events is refused', async () => {
    setup();
    await connect();
    latest().settle!.failed({ code: 400, message: 'The replayId {-1} you provided was invalid.' });
    await settle();
    expect(clients).toHaveLength(1);
    clock.advance(1_000);
    await settle();
    expect(clients).toHaveLength(2);
  });

  it('resubscribes from the stored replay id when the org answers 403::Unknown client, and logs it', async () => {
    const { stream, log } = setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 7 } });
    latest().incoming({
      channel: '/meta/connect',
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake' },
    });
    await settle();
    expect(clients[0]!.closed).toBe(true);
    expect(stream.isLive()).toBe(false);
    expect(log.list({ limit: 1 }).entries[0]).toMatchObject({
      kind: 'sync.streaming-stopped',
      details: { reason: 'dropped', detail: '403: Unknown client' },
    });
    clock.advance(1_000);
    await settle();
    expect(clients).toHaveLength(2);
    expect(latest().extensions[0]).toMatchObject({ _replay: 7 });
    latest().settle!.ok();
    expect(stream.isLive()).toBe(true);
    expect(log.list({ limit: 1 }).entries[0]).toMatchObject({
      kind: 'sync.streaming-started',
      details: { replayFrom: 7 },
    });
  });

  it('hears a resubscription refused behind its back instead of looking live', async () => {
    const { stream, kinds } = setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 7 } });
    clock.advance(500);
    // faye handshook again on its own and its resubscription was refused.
    latest().incoming({
      channel: '/meta/subscribe',
      successful: false,
      error:
        '400::The replayId {7} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.',
    });
    await settle();
    expect(stream.isLive()).toBe(false);
    expect(kinds()).toContain('sync.streaming-replay-expired');
    expect(latest().extensions[0]).toMatchObject({ _replay: -1 });
    latest().settle!.ok();
    expect(syncRequests).toBe(2);
  });

  it('paces stream-triggered syncs under a steady trickle, a lone edit still at once', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    const hour = 3_600_000;
    for (let t = 0, id = 1; t < hour; t += 5_000, id += 1) {
      latest().listener!({ event: { replayId: id } });
      clock.advance(5_000);
    }
    // One edit every 5 s would be 720 syncs an hour unpaced.
    expect(syncRequests).toBeLessThanOrEqual(Math.ceil(STREAM_SYNCS_PER_DAY / 24));
    clock.advance(60_000);
    const before = syncRequests;
    latest().listener!({ event: { replayId: 100_000 } });
    clock.advance(500);
    expect(syncRequests).toBe(before + 1);
  });

  it('closes the subscription on disconnect and on stop', async () => {
    const { stream } = setup();
    await connect();
    latest().settle!.ok();
    await connect('reconnect-needed');
    expect(latest().closed).toBe(true);
    await connect();
    stream.stop();
    expect(latest().closed).toBe(true);
    await connect('disconnected');
    await connect();
    expect(clients).toHaveLength(2);
  });

  it('without a session it can read, stays on the poll until the next sign-in instead of reading the vault at every report', async () => {
    let reads = 0;
    setup(async () => {
      reads += 1;
      if (reads === 1) throw new Error('the keychain is locked');
      return signedIn;
    });
    await connect();
    // The same state again (the Connection screen refreshed its details), and a sync run.
    await connect();
    setSync({ state: 'syncing' });
    setSync({ state: 'idle', lastSyncAt: '2026-11-22T09:05:00.000Z' });
    await settle();
    expect(clients).toHaveLength(0);
    await connect('disconnected');
    await connect();
    expect(clients).toHaveLength(1);
  });

  it('asks for no sync after stop, though changes arrived just before', async () => {
    const { stream } = setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 1 } });
    stream.stop();
    clock.advance(60_000);
    expect(syncRequests).toBe(0);
  });

  it('after a new sign-in, asks again for a sync on an auth refusal and backs off from 1 s again', async () => {
    setup();
    await connect();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(1);
    await connect('disconnected');
    await connect();
    refuseToken();
    await settle();
    expect(syncRequests).toBe(2);

    await connect('disconnected');
    await connect();
    for (const delay of [1_000, 2_000]) {
      latest().down!();
      clock.advance(delay);
      await settle();
    }
    expect(clients).toHaveLength(5);
    await connect('disconnected');
    await connect();
    latest().down!();
    clock.advance(1_000);
    await settle();
    expect(clients).toHaveLength(7);
  });

  it('logs the reason the stream stopped (a disconnect, a pause, quitting) in the log and the diagnostics', async () => {
    const { stream, log, logger } = setup();
    const shown: unknown[] = [];
    log.onAppended((entry) => {
      if (entry.kind === 'sync.streaming-stopped') shown.push(entry.details);
    });
    const stoppedReasons = () =>
      log
        .list({ limit: 10, kinds: ['sync.streaming-stopped'] })
        .entries.map((entry) => entry.details)
        .reverse();
    await connect();
    latest().settle!.ok();
    await connect('disconnected');
    await connect();
    latest().settle!.ok();
    setSync({ paused: true });
    setSync({ paused: false });
    await settle();
    latest().settle!.ok();
    stream.stop();
    const reasons = [{ reason: 'disconnected' }, { reason: 'paused' }, { reason: 'closing' }];
    expect(stoppedReasons()).toEqual(reasons);
    // Sync & Log shows an entry as it arrives: no empty "detail" beside the reason.
    expect(shown).toStrictEqual(reasons);
    expect(logger.lines.filter((line) => line.message === 'change stream stopped')).toEqual(
      reasons.map((facts) => ({ level: 'info', message: 'change stream stopped', facts })),
    );
  });

  it('ignores events a client it closed still delivers', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    const closed = latest();
    closed.down!();
    closed.listener!({ event: { replayId: 9 } });
    clock.advance(1_000);
    await settle();
    expect(syncRequests).toBe(0);
    expect(latest()).not.toBe(closed);
    expect(latest().extensions[0]).toMatchObject({ _replay: -1 });
    // Nor once a newer client is open.
    closed.listener!({ event: { replayId: 10 } });
    clock.advance(1_000);
    expect(syncRequests).toBe(0);
  });

  it('opens one client when paused and resumed while the session still loads', async () => {
    const vault = heldSession();
    setup(vault.session);
    await connect();
    setSync({ paused: true });
    setSync({ paused: false });
    vault.release();
    await settle();
    expect(clients).toHaveLength(1);
  });

  it('warns that the stream did not close cleanly only when a client failed to close', async () => {
    const vault = heldSession();
    const { logger } = setup(vault.session);
    await connect();
    await connect('disconnected');
    await connect();
    vault.release();
    await settle();
    latest().down!();
    setSync({ paused: true });
    expect(warnings(logger)).toEqual(['change stream failed']);
  });

  it('after an auth refusal, stays on the poll through a pause and a resume until a sync succeeded', async () => {
    setup();
    await connect();
    refuseToken();
    await settle();
    setSync({ paused: true });
    setSync({ paused: false });
    await settle();
    expect(clients).toHaveLength(1);
    setSync({ lastSyncAt: '2026-11-22T09:05:00.000Z' });
    await settle();
    expect(clients).toHaveLength(2);
  });

  it('once live again, syncs for changes whose sync a pause cut short, and only then', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 1 } });
    clock.advance(100);
    setSync({ paused: true });
    clock.advance(60_000);
    setSync({ paused: false });
    await settle();
    // The new subscription starts past that change: only this sync brings it in before the poll.
    expect(latest().extensions[0]).toMatchObject({ _replay: 1 });
    expect(syncRequests).toBe(0);
    latest().settle!.ok();
    expect(syncRequests).toBe(1);
    // Nothing was pending at this pause.
    setSync({ paused: true });
    setSync({ paused: false });
    await settle();
    latest().settle!.ok();
    expect(syncRequests).toBe(1);
  });

  it('still asks for the sync of changes that arrived before a network failure, without waiting to resubscribe', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 1 } });
    latest().down!();
    clock.advance(500);
    expect(clients).toHaveLength(1);
    expect(syncRequests).toBe(1);
  });

  it('keeps its resume point when an event carries no usable replay id, and still syncs for it', async () => {
    setup();
    await connect();
    latest().settle!.ok();
    latest().listener!({ event: { replayId: 7 } });
    for (const data of [
      null,
      {},
      { event: {} },
      { event: { replayId: '8' } },
      { event: { replayId: 8.5 } },
    ])
      latest().listener!(data);
    clock.advance(500);
    expect(syncRequests).toBe(1);
    await connect('disconnected');
    await connect();
    expect(latest().extensions[0]).toMatchObject({ _replay: 7 });
  });

  it('says when it is live, from which replay id and at what pace, in the log and the diagnostics', async () => {
    const { log, logger } = setup();
    await connect();
    latest().settle!.ok();
    const pace = { replayFrom: -1, minSyncIntervalSeconds: 8.64 };
    expect(log.list({ limit: 1 }).entries[0]).toMatchObject({
      kind: 'sync.streaming-started',
      details: { channel: '/data/LeadChangeEvent', ...pace },
    });
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'change stream started',
      facts: pace,
    });
  });

  it('tells the diagnostics what kind of failure stopped the stream and why', async () => {
    const { logger } = setup();
    await connect();
    latest().down!();
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'change stream failed',
      facts: { kind: 'network', reason: 'the streaming connection failed' },
    });
  });

  it('stops, and says so, even when the client fails to close; the diagnostics name only the error kind', async () => {
    const { stream, logger, kinds } = setup();
    await connect();
    latest().settle!.ok();
    latest().close = () => {
      throw new TypeError('socket secret-token gone');
    };
    await connect('disconnected');
    expect(stream.isLive()).toBe(false);
    expect(kinds()).toEqual(['sync.streaming-started', 'sync.streaming-stopped']);
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'change stream did not close cleanly',
        facts: { error: 'TypeError' },
      },
    ]);
  });
});

describe('classifying refusals', () => {
  it('tells auth, unavailable and replay problems apart', () => {
    expect(
      metaFailure({
        channel: '/meta/handshake',
        successful: false,
        error: '403::Handshake denied',
      }),
    ).toEqual({ kind: 'unavailable', reason: '403: Handshake denied' });
    expect(
      metaFailure({
        channel: '/meta/connect',
        successful: false,
        error: '403::Unknown client',
        advice: { reconnect: 'handshake' },
      }),
    ).toEqual({ kind: 'dropped', reason: '403: Unknown client' });
    expect(
      metaFailure({ channel: '/meta/connect', successful: false, advice: { reconnect: 'retry' } }),
    ).toBeUndefined();
    // A refusal without the "<code>:<args>:<message>" form keeps its words.
    expect(metaFailure({ channel: '/meta/handshake', successful: false })).toEqual({
      kind: 'unavailable',
      reason: 'refused',
    });
    expect(subscribeFailure({ code: 401, message: 'Authentication invalid' }).kind).toBe('auth');
    expect(subscribeFailure({ code: 403, message: 'Forbidden' })).toEqual({
      kind: 'unavailable',
      reason: '403: Forbidden',
    });
  });

  const tokenRefused = { kind: 'auth', reason: 'the org did not accept the access token' };

  it('counts a 401 as a refused token, whether the error or the failure reason carries it', () => {
    expect(
      metaFailure({
        channel: '/meta/connect',
        successful: false,
        error: '401::Authentication invalid',
        ext: { sfdc: { failureReason: 'Session expired or invalid' } },
      }),
    ).toEqual(tokenRefused);
    expect(
      metaFailure({
        channel: '/meta/handshake',
        successful: false,
        error: '403::Handshake denied',
        ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      }),
    ).toEqual(tokenRefused);
    expect(subscribeFailure({ code: 401, message: 'Authentication invalid' })).toEqual(
      tokenRefused,
    );
    // An extension block without Salesforce's part is no failure reason.
    expect(
      metaFailure({ channel: '/meta/handshake', successful: false, error: '401::x', ext: {} }),
    ).toEqual(tokenRefused);
  });

  it('leaves a refused connect without advice, or a refusal on another meta channel, to faye', () => {
    expect(
      metaFailure({ channel: '/meta/connect', successful: false, error: '500::Server busy' }),
    ).toBeUndefined();
    for (const channel of ['/meta/unsubscribe', '/meta/disconnect'])
      expect(metaFailure({ channel, successful: false, error: '403::Forbidden' })).toBeUndefined();
  });

  it('reads a Bayeux code only at the start, past the arguments, and keeps the words of any other refusal', () => {
    expect(
      metaFailure({ channel: '/meta/subscribe', successful: false, error: '403:a1,b2:Forbidden' }),
    ).toEqual({ kind: 'unavailable', reason: '403: Forbidden' });
    expect(
      metaFailure({
        channel: '/meta/handshake',
        successful: false,
        error: 'Refused by proxy 502::Bad gateway',
      }),
    ).toEqual({ kind: 'unavailable', reason: 'Refused by proxy 502::Bad gateway' });
    expect(subscribeFailure({ message: 'Forbidden' })).toEqual({
      kind: 'unavailable',
      reason: 'Forbidden',
    });
    expect(subscribeFailure('Connection reset')).toEqual({
      kind: 'unavailable',
      reason: 'Connection reset',
    });
  });
});
