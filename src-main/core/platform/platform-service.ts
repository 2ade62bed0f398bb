import type {
  ApiError,
  OutboundSettings,
  PlatformSecretName,
  PlatformStatus,
  ReceiverSettings,
} from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { SettingsService } from '../settings';
import type { LogRepository } from '../store/log-repository';
import type { InboxListQuery, PlatformInbox } from './platform-inbox';
import type { PlatformSecrets } from './platform-secrets';

/** What the hooks host reports about its listener. */
export interface ReceiverState {
  listening: boolean;
  /** `http://<bind>:<port>/hooks/` while listening. */
  baseUrl: string | null;
  /** Why it is not listening although enabled. */
  error: ApiError | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Webhooks may arrive by the thousand a second: the screens hear of them once a second. */
const INBOX_ANNOUNCE_MS = 1000;

/**
 * Settings → Meeting platform: the receiver's and the outbound events' settings, the secrets
 * (hints only), and the listener's state as the host reports it. Every change is announced
 * (`platform:changed`) and the receiver's settings go to whichever host listens.
 */
export class PlatformService {
  #receiverState: ReceiverState = { listening: false, baseUrl: null, error: null };
  readonly #receiverListeners = new Set<(settings: ReceiverSettings) => void>();
  #cancelInboxAnnounce: (() => void) | null = null;

  constructor(
    private readonly deps: {
      settings: SettingsService;
      secrets: PlatformSecrets;
      inbox: PlatformInbox;
      log: LogRepository;
      clock: Clock;
      changed: (status: PlatformStatus) => void;
    },
  ) {}

  status(): PlatformStatus {
    const { hooksReceiver, outboundEvents } = this.deps.settings.get();
    return {
      receiver: { ...hooksReceiver, ...this.#receiverState },
      secrets: this.deps.secrets.hints(),
      outbound: outboundEvents,
      received: this.deps.inbox.counts(),
    };
  }

  receiverSettings(): ReceiverSettings {
    return this.deps.settings.get().hooksReceiver;
  }

  /** The hosts listen here: called with the receiver's settings after each change. */
  onReceiverSettings(listener: (settings: ReceiverSettings) => void): () => void {
    this.#receiverListeners.add(listener);
    return () => this.#receiverListeners.delete(listener);
  }

  update(input: {
    receiver?: ReceiverSettings | undefined;
    outbound?: OutboundSettings | undefined;
  }): PlatformStatus {
    if (input.outbound) assertSendable(input.outbound);
    this.deps.settings.update({
      ...(input.receiver ? { hooksReceiver: input.receiver } : {}),
      ...(input.outbound ? { outboundEvents: input.outbound } : {}),
    });
    this.deps.log.append('platform.settings-changed', null, {
      ...(input.receiver ? { receiver: input.receiver } : {}),
      ...(input.outbound ? { outboundEnabled: input.outbound.enabled } : {}),
    });
    if (input.receiver) {
      const receiver = input.receiver;
      this.#receiverListeners.forEach((listener) => listener(receiver));
    }
    return this.#announce();
  }

  async setSecret(
    name: PlatformSecretName,
    value: string | undefined,
  ): Promise<{ status: PlatformStatus; generated: string | null }> {
    const generated = await this.deps.secrets.set(name, value);
    this.deps.log.append('platform.secret-set', null, { name, generated: generated !== null });
    return { status: this.#announce(), generated };
  }

  events(input: InboxListQuery): ReturnType<PlatformInbox['list']> {
    return this.deps.inbox.list(input);
  }

  /** The hooks host reports here after it listens, moves, stops or fails to. */
  receiverReported(state: ReceiverState): void {
    this.#receiverState = state;
    this.#announce();
  }

  /** Events were stored or applied: one `platform:changed` within a second, however many. */
  inboxChanged(): void {
    if (this.#cancelInboxAnnounce) return;
    this.#cancelInboxAnnounce = this.deps.clock.setTimer(() => {
      this.#cancelInboxAnnounce = null;
      this.#announce();
    }, INBOX_ANNOUNCE_MS);
  }

  /** Before the database closes: nothing is announced after. */
  stop(): void {
    this.#cancelInboxAnnounce?.();
    this.#cancelInboxAnnounce = null;
  }

  #announce(): PlatformStatus {
    const status = this.status();
    this.deps.changed(status);
    return status;
  }
}

/**
 * Instance events carry Leads' names and emails: only over HTTPS, or plain HTTP to this machine
 * (a tunnel or the demo scheduler).
 */
function assertSendable(outbound: OutboundSettings): void {
  if (outbound.enabled && outbound.url === null) {
    throw new AppError(
      'OUTBOUND_URL_MISSING',
      'Give the URL instance events go to before turning them on.',
    );
  }
  if (outbound.url !== null) {
    const url = new URL(outbound.url);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new AppError(
        'OUTBOUND_URL_INSECURE',
        'Instance events carry Leads’ names and emails: use an https:// URL (plain http only to this machine).',
      );
    }
  }
}
