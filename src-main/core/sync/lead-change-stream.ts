import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import type { ConnectionState, SyncStatus } from '../../../src-preload/contract';
import type { Clock, Logger } from '../ports';
import { SALESFORCE_API_VERSION } from '../salesforce/api-version';
import type { LogRepository } from '../store/log-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import { Backoff, Debouncer, streamSyncTiming } from './stream-timing';

export const LEAD_CHANGE_CHANNEL = '/data/LeadChangeEvent';
const REPLAY_KEY = 'leadChangeReplay';
/** -1: only events from now on. The first sync fetches everything older anyway. */
const NEW_EVENTS_ONLY = -1;

/** A Bayeux message as far as this file reads it. */
export interface BayeuxMessage {
  channel: string;
  successful?: boolean;
  error?: string;
  advice?: { reconnect?: string };
  ext?: { sfdc?: { failureReason?: string } };
  data?: unknown;
}

/** The faye extension shape: each stage passes the message on, or null to drop it. */
export interface CometExtension {
  incoming?(message: BayeuxMessage, callback: (message: BayeuxMessage | null) => void): void;
  outgoing?(message: BayeuxMessage, callback: (message: BayeuxMessage | null) => void): void;
}

/** What the stream needs of a CometD client (jsforce's faye client, or a test's). */
/** faye's Subscription: settles once the server acknowledges or refuses it. */
export interface Settles {
  then(ok: () => void, failed: (error: unknown) => void): unknown;
}

export interface CometClient {
  subscribe(channel: string, listener: (data: unknown) => void): Settles;
  /** Fired when a request to the server failed (network, server gone). */
  onTransportDown(listener: () => void): void;
  /** Leaves the server politely when connected and stops every retry either way. */
  close(): void;
}

export interface StreamSession {
  instanceUrl: string;
  accessToken: string;
}

export type StreamFailure =
  | { kind: 'auth'; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'replay-invalid'; reason: string }
  /** The server forgot this client ("403::Unknown client"): it must handshake and subscribe again. */
  | { kind: 'dropped'; reason: string }
  | { kind: 'network'; reason: string };

export interface LeadChangeStreamDependencies {
  state: SyncStateRepository;
  log: LogRepository;
  logger: Logger;
  clock: Clock;
  /** The sealed session as it is now: the vault, which every token refresh updates. */
  session(): Promise<StreamSession | undefined>;
  sync: {
    status(): SyncStatus;
    onChange(listener: (status: SyncStatus) => void): unknown;
    syncChanges(): void;
  };
  connection: { onChange(listener: (status: { state: ConnectionState }) => void): unknown };
  /** Tests hand in their own; the app uses jsforce's streaming client. */
  openClient?: (session: StreamSession, extensions: CometExtension[]) => CometClient;
}

interface StoredReplay {
  /** A replay id means nothing in another org. */
  instanceUrl: string;
  replayId: number;
}

/**
 * Near-real-time sync: while connected and not paused, listens to the org's Change Data
 * Capture channel for Leads and asks the scheduler for a sync when Leads change. The event
 * only says *that* something changed: the sync then fetches everything past its watermark in
 * one call, which covers the changed Ids — simpler and safer than a query per Id (no second
 * code path into the cache, no missed field, no ordering questions), and an idle sync is one
 * call anyway. The 5-minute poll runs unchanged beside it, as the safety net for events lost
 * to a dropped stream, an expired replay id or an org without CDC. Stream-triggered syncs are
 * paced by `streamSyncTiming`, so a day of constant edits stays within a stated API share.
 *
 * Every (re)subscription is this class's own, never faye's: faye answers "403::Unknown client"
 * by handshaking and resubscribing by itself, and when that resubscription is refused (a
 * replay id past the 72-hour retention) nobody hears of it and the stream looks live while
 * receiving nothing.
 */
export class LeadChangeStream {
  #connected = false;
  #paused: boolean;
  #stopped = false;
  /** The org refused the channel: polling only, until the next sign-in or start. */
  #unavailable = false;
  /** The server refused the token: resubscribe once a sync has proven (or renewed) the session. */
  #awaitingSync = false;
  #syncAskedSinceLive = false;
  /**
   * Events not synced for (lost to an expired replay id, or their sync cut short by a pause or
   * disconnect): sync once the fresh subscription is live.
   */
  #catchUpWhenLive = false;
  #lastSyncAt: string | null;
  /** Bumped on every open and close: callbacks from an older client are ignored. */
  #generation = 0;
  #client: CometClient | undefined;
  #live = false;
  #cancelRetry: (() => void) | undefined;
  /** The last event's replay id, saved with the sync it asks for (or at close): not per event. */
  #unsavedReplay: StoredReplay | undefined;
  readonly #backoff = new Backoff();
  readonly #debounce: Debouncer;
  readonly #openClient: (session: StreamSession, extensions: CometExtension[]) => CometClient;

  constructor(private readonly deps: LeadChangeStreamDependencies) {
    this.#openClient = deps.openClient ?? openJsforceClient;
    const status = deps.sync.status();
    this.#paused = status.paused;
    this.#lastSyncAt = status.lastSyncAt;
    this.#debounce = new Debouncer(deps.clock, streamSyncTiming, () => {
      this.#saveReplay();
      if (this.#wanted()) deps.sync.syncChanges();
    });
    deps.connection.onChange(({ state }) => {
      const connected = state === 'connected';
      if (connected === this.#connected) return;
      this.#connected = connected;
      if (!connected) {
        // A new sign-in may be to an org (or with rights) that streams: ask again then.
        this.#unavailable = false;
        this.#awaitingSync = false;
        this.#syncAskedSinceLive = false;
        this.#backoff.reset();
      }
      this.#reconcile(connected ? 'connected' : 'disconnected');
    });
    deps.sync.onChange((next) => {
      const synced = next.lastSyncAt !== this.#lastSyncAt && next.lastSyncAt !== null;
      this.#lastSyncAt = next.lastSyncAt;
      if (synced && this.#awaitingSync) {
        this.#awaitingSync = false;
        this.#reconcile('synced');
      }
      if (next.paused !== this.#paused) {
        this.#paused = next.paused;
        this.#reconcile(next.paused ? 'paused' : 'resumed');
      }
    });
  }

  /** Whether change events are arriving now (a subscription is acknowledged). */
  isLive(): boolean {
    return this.#live;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#close('closing');
    this.#stopped = true;
  }

  #wanted(): boolean {
    return this.#connected && !this.#paused && !this.#stopped && !this.#unavailable;
  }

  /** Opens or closes the subscription to match the facts. */
  #reconcile(why: string): void {
    if (!this.#wanted()) {
      this.#close(why);
      return;
    }
    if (this.#client || this.#cancelRetry || this.#awaitingSync) return;
    void this.#open();
  }

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    // Held while the session loads, so a second reconcile does not open a second client.
    const placeholder: CometClient = {
      subscribe: () => ({ then: () => undefined }),
      onTransportDown: () => undefined,
      close: () => undefined,
    };
    this.#client = placeholder;
    const session = await this.deps.session().catch(() => undefined);
    if (generation !== this.#generation) return;
    this.#client = undefined;
    if (!session || !this.#wanted()) return;

    const instanceUrl = session.instanceUrl;
    const replayFrom = this.#storedReplay(instanceUrl);
    const current = () => generation === this.#generation;
    const fail = (failure: StreamFailure) => {
      if (current()) this.#failed(failure, instanceUrl);
    };
    const watcher: CometExtension = {
      incoming: (message, callback) => {
        if (current()) {
          const failure = metaFailure(message);
          if (failure) queueMicrotask(() => fail(failure));
        }
        callback(message);
      },
    };
    const client = this.#openClient(session, [
      new StreamingExtension.Replay(LEAD_CHANGE_CHANNEL, replayFrom) as CometExtension,
      watcher,
    ]);
    this.#client = client;
    client.onTransportDown(() =>
      fail({ kind: 'network', reason: 'the streaming connection failed' }),
    );
    client
      .subscribe(LEAD_CHANGE_CHANNEL, (data) => {
        if (current()) this.#received(instanceUrl, data);
      })
      .then(
        () => {
          if (current()) this.#started(replayFrom);
        },
        (error: unknown) => fail(subscribeFailure(error)),
      );
  }

  #started(replayFrom: number): void {
    this.#live = true;
    this.#backoff.reset();
    this.#syncAskedSinceLive = false;
    const minSyncIntervalSeconds = streamSyncTiming.minIntervalMs / 1000;
    this.deps.log.append('sync.streaming-started', null, {
      channel: LEAD_CHANGE_CHANNEL,
      replayFrom,
      minSyncIntervalSeconds,
    });
    this.deps.logger.info('change stream started', { replayFrom, minSyncIntervalSeconds });
    if (this.#catchUpWhenLive) {
      this.#catchUpWhenLive = false;
      this.deps.sync.syncChanges();
    }
  }

  #received(instanceUrl: string, data: unknown): void {
    const replayId = replayIdOf(data);
    // Saved when the sync is asked for, not per event (a burst of 10,000 echoes of our own
    // writes cost 10,000 commits): a crash before that replays a few events again, which
    // costs one sync, because a sync fetches everything past the watermark regardless.
    if (replayId !== undefined) this.#unsavedReplay = { instanceUrl, replayId };
    this.#debounce.trigger();
  }

  #saveReplay(): void {
    if (this.#unsavedReplay === undefined) return;
    this.deps.state.set(REPLAY_KEY, this.#unsavedReplay);
    this.#unsavedReplay = undefined;
  }

  #failed(failure: StreamFailure, instanceUrl: string): void {
    if (this.#stopped) return;
    this.deps.logger.warn('change stream failed', { kind: failure.kind, reason: failure.reason });
    this.#close(failure.kind, failure.reason);
    switch (failure.kind) {
      case 'unavailable':
        this.#unavailable = true;
        this.deps.log.append('sync.streaming-unavailable', null, {
          channel: LEAD_CHANGE_CHANNEL,
          reason: failure.reason,
        });
        return;
      case 'replay-invalid': {
        // Events past the stored id are gone: start from now, and once that subscription is
        // live sync for what was missed (a sync before it would leave a gap until the poll).
        // The id refused: the stored one, which faye's own resubscriptions use too (it is
        // the last event received). Salesforce never refuses -1; were it to, wait instead
        // of resubscribing in a loop.
        const replayFrom = this.#storedReplay(instanceUrl);
        if (replayFrom === NEW_EVENTS_ONLY) {
          this.#retryLater(this.#backoff.next());
          return;
        }
        this.deps.state.delete(REPLAY_KEY);
        this.#catchUpWhenLive = true;
        this.deps.log.append('sync.streaming-replay-expired', null, {
          channel: LEAD_CHANGE_CHANNEL,
          replayFrom,
          reason: failure.reason,
        });
        this.#reconcile('replay-reset');
        return;
      }
      case 'auth':
        // Not a refresh of our own: the sync's next call meets the same expired token and
        // refreshes it through the shared refresher, so one expiry costs one token call. A
        // sync is asked for at once, but only once per live period, so an org that accepts
        // REST and refuses streaming costs no more than the poll.
        this.#awaitingSync = true;
        if (!this.#syncAskedSinceLive && this.#wanted()) {
          this.#syncAskedSinceLive = true;
          this.deps.sync.syncChanges();
        }
        return;
      case 'dropped':
      case 'network':
        // A dropped client resubscribes from the stored replay id, so nothing is missed.
        this.#retryLater(this.#backoff.next());
        return;
    }
  }

  #retryLater(delayMs: number): void {
    this.#cancelRetry = this.deps.clock.setTimer(() => {
      this.#cancelRetry = undefined;
      this.#reconcile('retry');
    }, delayMs);
  }

  /** Ends the current client, any pending retry and any pending sync request. */
  #close(why: string, detail?: string): void {
    this.#saveReplay();
    this.#generation += 1;
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    // A sync asked for and not yet made: the next subscription starts past those events, so
    // it syncs for them once live (a resume does not make the poll due).
    if (!this.#wanted() && this.#debounce.cancel()) this.#catchUpWhenLive = true;
    const client = this.#client;
    this.#client = undefined;
    try {
      client?.close();
    } catch (error) {
      this.deps.logger.warn('change stream did not close cleanly', {
        error: error instanceof Error ? error.name : typeof error,
      });
    }
    if (this.#live && !this.#stopped) {
      const details = detail === undefined ? { reason: why } : { reason: why, detail };
      this.deps.log.append('sync.streaming-stopped', null, details);
      this.deps.logger.info('change stream stopped', details);
    }
    this.#live = false;
  }

  #storedReplay(instanceUrl: string): number {
    const stored = this.deps.state.get<StoredReplay>(REPLAY_KEY);
    return stored?.instanceUrl === instanceUrl ? stored.replayId : NEW_EVENTS_ONLY;
  }
}

/**
 * A refusal as Salesforce reports it on a /meta channel. faye hides these from callers, and
 * answers some itself: a refused resubscription of its own would otherwise go unheard.
 */
export function metaFailure(message: BayeuxMessage): StreamFailure | undefined {
  if (message.successful !== false) return undefined;
  const error = message.error ?? 'refused';
  if (message.channel === '/meta/subscribe') return subscribeFailure(parseBayeuxError(error));
  if (message.channel !== '/meta/handshake' && message.channel !== '/meta/connect')
    return undefined;
  const reason = message.ext?.sfdc?.failureReason ?? error;
  if (reason.startsWith('401::') || error.startsWith('401::'))
    return { kind: 'auth', reason: 'the org did not accept the access token' };
  if (message.channel === '/meta/connect') {
    // "403::Unknown client" (the org timed the client out): it says handshake again. Other
    // connect refusals advise a retry, which faye does itself.
    return message.advice?.reconnect === 'handshake'
      ? { kind: 'dropped', reason: bayeuxReason(error) }
      : undefined;
  }
  return { kind: 'unavailable', reason: bayeuxReason(reason) };
}

/** Why a subscribe was refused; faye hands over its parsed error ({code, message}). */
export function subscribeFailure(error: unknown): StreamFailure {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (code === 401) return { kind: 'auth', reason: 'the org did not accept the access token' };
  // "400::The replayId {X} you provided was invalid. …": the event is past the retention.
  if (/replay ?id/i.test(text)) return { kind: 'replay-invalid', reason: text };
  return {
    kind: 'unavailable',
    reason: typeof code === 'number' ? `${code}: ${text}` : text,
  };
}

/** A Bayeux error string, "<code>:<args>:<message>", as faye's own parser reads it. */
function parseBayeuxError(raw: string): { code: number | undefined; message: string } {
  const match = /^(\d{3}):[^:]*:(.*)$/s.exec(raw);
  return match ? { code: Number(match[1]), message: match[2]! } : { code: undefined, message: raw };
}

function bayeuxReason(raw: string): string {
  const { code, message } = parseBayeuxError(raw);
  return code === undefined ? message : `${code}: ${message}`;
}

function replayIdOf(data: unknown): number | undefined {
  const replayId = (data as { event?: { replayId?: unknown } } | null)?.event?.replayId;
  return typeof replayId === 'number' && Number.isInteger(replayId) ? replayId : undefined;
}

/** The parts of faye's client jsforce returns that its typings leave out. */
interface FayeClient {
  subscribe(channel: string, listener: (data: unknown) => void): Settles;
  disconnect(): void;
  bind(event: 'transport:down', listener: () => void): void;
  /** jsforce itself reads it of every client it creates. */
  _dispatcher: { close(): void };
}

/** jsforce's streaming client (long polling, CometD at the connection's API version). */
function openJsforceClient(session: StreamSession, extensions: CometExtension[]): CometClient {
  // Its own Connection, not the sync's: streaming is no REST call, so it must not count in
  // the sync's API figures nor mark the session as just used. It reads the vault's token,
  // which every refresh (the sync's or ours) updates.
  const connection = new Connection({
    version: SALESFORCE_API_VERSION,
    instanceUrl: session.instanceUrl,
    accessToken: session.accessToken,
  });
  let closed = false;
  // After close nothing leaves: faye would otherwise keep retrying a handshake forever.
  const gate: CometExtension = {
    outgoing: (message, callback) => callback(closed ? null : message),
  };
  const client = connection.streaming.createClient([...extensions, gate]) as unknown as FayeClient;
  return {
    subscribe: (channel, listener) => client.subscribe(channel, listener),
    onTransportDown: (listener) => client.bind('transport:down', listener),
    close: () => {
      client.disconnect();
      closed = true;
      // Drops requests faye would resend on its own after a network failure.
      client._dispatcher.close();
    },
  };
}
