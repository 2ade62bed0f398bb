// Streaming API: a CometD (Bayeux) endpoint at /cometd/<version> served by faye, publishing
// Change Data Capture events with Salesforce's replay extension and OAuth handshake checks.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrgState, RecordChange } from './org-state';
import type { SessionStore } from './sessions';
import { bearerToken } from './oauth';
import type { SfRecord, SfValue } from './schema-types';

/** The part of faye's server API the emulator uses (faye ships no types of its own). */
interface BayeuxMessage {
  channel: string;
  clientId?: string;
  subscription?: string | string[];
  successful?: boolean;
  error?: string;
  ext?: Record<string, unknown>;
  advice?: Record<string, unknown>;
  supportedConnectionTypes?: string[];
  data?: unknown;
}

type Callback = (message: BayeuxMessage) => void;

interface FayeExtension {
  incoming?: (
    message: BayeuxMessage,
    request: IncomingMessage | undefined,
    callback: Callback,
  ) => void;
  outgoing?: (
    message: BayeuxMessage,
    request: IncomingMessage | undefined,
    callback: Callback,
  ) => void;
}

interface FayeNodeAdapter {
  handle(request: IncomingMessage, response: ServerResponse): void;
  addExtension(extension: FayeExtension): void;
  close(): void;
  _server: {
    _engine: {
      subscribe(clientId: string, channel: string): void;
      publish(message: { channel: string; data: unknown }): void;
      _engine: {
        publish(message: { channel: string; data: unknown }, channels: string[]): void;
        clientExists(clientId: string, callback: (exists: boolean) => void): void;
        destroyClient(clientId: string): void;
      };
    };
  };
}

interface FayeModule {
  NodeAdapter: new (options: { mount: string; timeout: number }) => FayeNodeAdapter;
}

export const LEAD_CHANNEL = '/data/LeadChangeEvent';
const ALL_CHANGES_CHANNEL = '/data/ChangeEvents';
const CDC_OBJECTS = new Set(['Lead', 'Contact', 'Account', 'Opportunity']);
/** Change events stay replayable for 72 hours on Salesforce's event bus. */
const RETENTION_MS = 72 * 3_600_000;
/** A memory guard of the emulator's own: a real org keeps every event for the 72 hours. */
const RETAINED_EVENTS = 10_000;
const SCHEMA_IDS: Record<string, string> = {
  Lead: 'IeRuaY6cbI_HsV8Rv1Mc5g',
  Contact: 'Kp9mHq2tRf8xLw3nBv6cZa',
};

interface RetainedEvent {
  replayId: number;
  publishedMs: number;
  channels: string[];
  data: Record<string, unknown>;
}

export class StreamingEndpoint {
  private readonly adapter: FayeNodeAdapter;
  private readonly retained: RetainedEvent[] = [];
  private nextReplayId = 1;
  /** The newest replay id no longer retained: a subscription from it or older is refused. */
  private purgedThrough = 0;
  /** Clients that handshook, so the admin API can make the org forget them. */
  private readonly clientIds = new Set<string>();
  private readonly pendingReplay = new Map<string, Map<string, number>>();
  private readonly unsubscribe: () => void;
  readonly mount: string;

  constructor(
    private readonly state: OrgState,
    private readonly sessions: SessionStore,
    version: string,
  ) {
    const faye = createRequire(import.meta.url)('faye') as FayeModule;
    this.mount = `/cometd/${version}`;
    this.adapter = new faye.NodeAdapter({ mount: this.mount, timeout: 25 });
    this.adapter.addExtension({
      incoming: (message, request, callback) => callback(this.incoming(message, request)),
      outgoing: (message, _request, callback) => callback(this.outgoing(message)),
    });
    this.unsubscribe = state.onChange((changes) => {
      for (const change of changes) if (CDC_OBJECTS.has(change.object)) this.publish(change);
    });
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.adapter.handle(req, res);
  }

  close(): void {
    this.unsubscribe();
    this.adapter.close();
  }

  /**
   * Forgets every connected client, as Salesforce does when it times a client out: each one's
   * next /meta/connect is answered "403::Unknown client" with advice to handshake again.
   */
  dropClients(): number {
    const engine = this.adapter._server._engine._engine;
    let dropped = 0;
    for (const clientId of this.clientIds) {
      engine.clientExists(clientId, (exists) => {
        if (!exists) return;
        dropped += 1;
        engine.destroyClient(clientId);
      });
    }
    this.clientIds.clear();
    return dropped;
  }

  /** Purges every retained event, as 72 hours passing would. */
  expireEvents(): number {
    return this.purgeOldest(this.retained.length);
  }

  /** The events still replayable, oldest first (for tests and the admin API). */
  events(): { replayId: number; channel: string; data: Record<string, unknown> }[] {
    this.purgeExpired();
    return this.retained.map((e) => ({
      replayId: e.replayId,
      channel: e.channels[0] ?? '',
      data: e.data,
    }));
  }

  private incoming(message: BayeuxMessage, request: IncomingMessage | undefined): BayeuxMessage {
    // In-process publishes carry no HTTP request; everything from the network must be authenticated.
    if (!request) return message;
    const token = bearerToken(request.headers.authorization);
    if (!token || !this.sessions.check(token)) {
      message.error =
        message.channel === '/meta/handshake'
          ? '403::Handshake denied'
          : '401::Authentication invalid';
      return message;
    }
    if (message.channel === '/meta/subscribe') {
      const channels = [message.subscription ?? []].flat();
      const unknown = channels.find(
        (c) =>
          c !== LEAD_CHANNEL &&
          c !== ALL_CHANGES_CHANNEL &&
          !c.startsWith('/data/ContactChangeEvent'),
      );
      if (unknown !== undefined) {
        message.error = `400::The channel you requested to subscribe to does not exist {${unknown}}`;
        return message;
      }
      const replay = message.ext?.replay;
      if (replay && typeof replay === 'object' && message.clientId) {
        const wanted = new Map<string, number>();
        for (const [channel, from] of Object.entries(replay as Record<string, unknown>)) {
          const id = Number(from);
          if (channels.includes(channel) && Number.isInteger(id)) wanted.set(channel, id);
        }
        this.purgeExpired();
        const expired = [...wanted.values()].find((id) => id > 0 && id <= this.purgedThrough);
        if (expired !== undefined) {
          message.error = `400::The replayId {${expired}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
          return message;
        }
        if (wanted.size > 0) this.pendingReplay.set(message.clientId, wanted);
      }
    }
    return message;
  }

  private outgoing(message: BayeuxMessage): BayeuxMessage {
    // faye says "401:<clientId>:Unknown client"; Salesforce says 403 and advises a handshake.
    if (message.error !== undefined && /^40[13]:[^:]*:Unknown client$/.test(message.error)) {
      message.error = '403::Unknown client';
      message.advice = { reconnect: 'handshake', interval: 0 };
      return message;
    }
    if (message.channel === '/meta/handshake' && message.successful && message.clientId)
      this.clientIds.add(message.clientId);
    if (message.channel === '/meta/handshake') {
      if (message.successful === false) {
        message.ext = {
          sfdc: { failureReason: '401::Authentication invalid' },
          replay: true,
          'payload.format': true,
        };
        message.advice = { reconnect: 'none' };
      } else {
        message.ext = { replay: true, 'payload.format': true };
        // Salesforce offers long polling only; advertising websocket would make faye try it.
        message.supportedConnectionTypes = ['long-polling'];
      }
    } else if (message.error?.startsWith('401::')) {
      message.ext = { sfdc: { failureReason: '401::Authentication invalid' } };
      message.advice = { reconnect: 'none' };
    }
    if (message.channel === '/meta/subscribe' && message.successful && message.clientId) {
      const wanted = this.pendingReplay.get(message.clientId);
      this.pendingReplay.delete(message.clientId);
      if (wanted) setImmediate(() => this.replayTo(message.clientId ?? '', wanted));
    }
    return message;
  }

  /** Sends retained events to one client only, through a private channel faye routes for us. */
  private replayTo(clientId: string, wanted: Map<string, number>): void {
    const engine = this.adapter._server._engine;
    const privateChannel = `/demo-org-replay/${clientId}`;
    engine.subscribe(clientId, privateChannel);
    for (const [channel, from] of wanted) {
      if (from === -1) continue;
      for (const event of this.retained) {
        if (!event.channels.includes(channel) || (from !== -2 && event.replayId <= from)) continue;
        engine._engine.publish({ channel, data: event.data }, [privateChannel]);
      }
    }
  }

  private publish(change: RecordChange): void {
    const replayId = this.nextReplayId++;
    const channels = [
      change.object === 'Lead' ? LEAD_CHANNEL : `/data/${change.object}ChangeEvent`,
      ALL_CHANGES_CHANNEL,
    ];
    const data = {
      schema: SCHEMA_IDS[change.object] ?? 'demo-schema',
      payload: changePayload(change),
      event: { replayId },
    };
    const publishedMs = this.state.now();
    this.retained.push({ replayId, publishedMs, channels, data });
    // Trim in blocks: shifting one event per publish would be quadratic under bursts.
    if (this.retained.length > RETAINED_EVENTS + 1000)
      this.purgeOldest(this.retained.length - RETAINED_EVENTS);
    this.purgeExpired();
    for (const channel of channels) this.adapter._server._engine.publish({ channel, data });
  }

  private purgeExpired(): void {
    const cutoffMs = this.state.now() - RETENTION_MS;
    const kept = this.retained.findIndex((event) => event.publishedMs > cutoffMs);
    this.purgeOldest(kept === -1 ? this.retained.length : kept);
  }

  /** Drops the `count` oldest events; returns how many. */
  private purgeOldest(count: number): number {
    if (count <= 0) return 0;
    this.purgedThrough = this.retained[count - 1]!.replayId;
    this.retained.splice(0, count);
    return count;
  }
}

function cometValue(value: SfValue | undefined): SfValue {
  // CometD CDC payloads carry datetimes as ISO strings in UTC ("...Z").
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T.*\+0000$/.test(value))
    return value.replace('+0000', 'Z');
  return value ?? null;
}

export function changePayload(change: RecordChange): Record<string, unknown> {
  const fields: SfRecord = {};
  for (const name of change.changedFields) {
    if (name === 'Id' || name === 'IsDeleted' || name === 'SystemModstamp') continue;
    fields[name] = cometValue(change.values[name]);
  }
  const nulled =
    change.changeType === 'UPDATE'
      ? change.changedFields.filter((f) => change.values[f] === null)
      : [];
  return {
    ChangeEventHeader: {
      entityName: change.object,
      recordIds: [change.recordId],
      changeType: change.changeType,
      changeOrigin: change.origin,
      transactionKey: change.transactionKey,
      sequenceNumber: change.sequenceNumber,
      commitTimestamp: change.commitMs,
      commitNumber: change.commitMs * 1000 + change.sequenceNumber,
      commitUser: change.userId,
      nulledFields: nulled,
      diffFields: [],
      changedFields:
        change.changeType === 'UPDATE'
          ? change.changedFields.filter((f) => f !== 'SystemModstamp')
          : [],
    },
    ...fields,
  };
}
