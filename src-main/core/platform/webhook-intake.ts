import type { PlatformEvent, PlatformSecretName } from '../../../src-preload/contract';
import type { Clock, Logger } from '../ports';
import type { PlatformInbox } from './platform-inbox';
import { webhookSources, type WebhookSourceName } from './webhook-sources';

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface WebhookAnswer {
  status: number;
  body: unknown;
}

/** The secrets as verification reads them: in memory, so a webhook never waits on the keyring. */
export interface SecretLookup {
  current(name: PlatformSecretName): string | undefined;
}

const sourceLabels: Record<WebhookSourceName, string> = {
  timerex: 'TimeRex token',
  calendly: 'Calendly signing key',
  generic: 'generic secret',
};

function refusal(status: number, code: string, message: string): WebhookAnswer {
  return { status, body: { error: { code, message } } };
}

/**
 * Where every webhook lands, whichever listener carried it: authenticate → parse → store →
 * answer. Bad input gets a 4xx naming what is wrong and stores nothing; only a failure to
 * store (the disk) answers 503, so the platform sends it again.
 */
export class WebhookIntake {
  readonly #listeners = new Set<() => void>();
  /** Webhooks read in this turn of the event loop, committed together at its end. */
  readonly #storing: {
    event: PlatformEvent;
    raw: Buffer;
    stored(result: { id: number; duplicate: boolean }): void;
    failed(error: unknown): void;
  }[] = [];

  constructor(
    private readonly deps: {
      inbox: PlatformInbox;
      secrets: SecretLookup;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Never throws. Answers after the event is committed, never before. */
  async receive(source: string, headers: WebhookHeaders, rawBody: Buffer): Promise<WebhookAnswer> {
    try {
      return await this.#receive(source, headers, rawBody);
    } catch (error) {
      this.deps.logger.error('webhook not stored', {
        source,
        error: error instanceof Error ? error.name : typeof error,
      });
      return refusal(
        503,
        'NOT_STORED',
        'Leadbridge could not store this event; send it again later.',
      );
    }
  }

  /** Called after each commit that stored a new event (not only duplicates); returns an unsubscribe. */
  onStored(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #receive(source: string, headers: WebhookHeaders, rawBody: Buffer): Promise<WebhookAnswer> {
    if (!Object.hasOwn(webhookSources, source)) {
      return refusal(
        404,
        'UNKNOWN_SOURCE',
        'No such webhook: use /hooks/timerex, /hooks/calendly or /hooks/generic.',
      );
    }
    const name = source as WebhookSourceName;
    const definition = webhookSources[name];
    const secret = this.deps.secrets.current(definition.secretName);
    if (!secret) {
      return refusal(
        401,
        'NOT_CONFIGURED',
        `The ${sourceLabels[name]} is not configured: set it in Leadbridge under Settings → Meeting platform.`,
      );
    }
    const nowMs = this.deps.clock.now();
    const problem = definition.authenticate(
      headerValue(headers, definition.header),
      rawBody,
      secret,
      nowMs,
    );
    if (problem) return refusal(401, 'NOT_AUTHENTICATED', `Refused: ${problem}.`);

    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return refusal(400, 'MALFORMED_BODY', 'The body is not JSON.');
    }
    const parsed = definition.parse(body, new Date(nowMs).toISOString());
    if (!parsed.ok)
      return refusal(400, 'MALFORMED_BODY', `The body is not a ${source} event: ${parsed.reason}.`);

    const stored = await this.#store(parsed.event, rawBody);
    return { status: 200, body: { received: true, id: stored.id, duplicate: stored.duplicate } };
  }

  /**
   * Resolves once the event is committed. The webhooks of one turn of the event loop share
   * one commit (a burst costs one, not one each); none is answered before it.
   */
  #store(event: PlatformEvent, raw: Buffer): Promise<{ id: number; duplicate: boolean }> {
    return new Promise((stored, failed) => {
      this.#storing.push({ event, raw, stored, failed });
      if (this.#storing.length === 1) setImmediate(() => this.#commit());
    });
  }

  #commit(): void {
    const batch = this.#storing.splice(0);
    let results;
    try {
      results = this.deps.inbox.storeEach(batch);
    } catch (error) {
      for (const webhook of batch) webhook.failed(error);
      return;
    }
    batch.forEach((webhook, index) => {
      const result = results[index]!;
      if ('error' in result) webhook.failed(result.error);
      else webhook.stored(result);
    });
    if (results.some((result) => 'duplicate' in result && !result.duplicate)) this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch (error) {
        // The event is stored and will be applied on the next kick: the sender gets its 200.
        this.deps.logger.error('platform event listener failed', {
          error: error instanceof Error ? error.name : typeof error,
        });
      }
    }
  }
}

/** Node lower-cases header names; a header sent twice is ambiguous and counts as missing. */
function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}
