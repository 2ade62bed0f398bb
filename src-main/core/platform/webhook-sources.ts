import type { PlatformSecretName } from '../../../src-preload/contract';
import { parseCalendlyPayload } from './calendly-payload';
import { parseGenericPayload } from './generic-payload';
import type { ParsedPayload } from './payload-fields';
import { parseTimerexPayload } from './timerex-payload';
import { sameSecret, verify } from './webhook-signature';

/** How each platform proves a request is its own, and how its body becomes a PlatformEvent. */
export interface WebhookSource {
  /** The secret in Settings → Meeting platform that authenticates this source. */
  secretName: PlatformSecretName;
  /** The header carrying the proof (lower-case, as node delivers headers). */
  header: string;
  /** Null when the request is the source's; else why not, in the sender's terms. */
  authenticate(
    proof: string | undefined,
    rawBody: Buffer,
    secret: string,
    nowMs: number,
  ): string | null;
  parse(body: unknown, receivedAt: string): ParsedPayload;
}

export type WebhookSourceName = 'timerex' | 'calendly' | 'generic';

const signatureProblems = (header: string) =>
  ({
    missing: `the ${header} header is missing`,
    malformed: `the ${header} header is not t=<unix>,v1=<hex>`,
    expired: `the ${header} timestamp is more than 5 minutes away from this machine’s clock`,
    mismatch: `the ${header} signature does not match the body and the configured secret`,
  }) as const;

function bySignature(
  secretName: PlatformSecretName,
  header: string,
  parse: WebhookSource['parse'],
): WebhookSource {
  return {
    secretName,
    header,
    authenticate: (proof, rawBody, secret, nowMs) => {
      const check = verify(proof, rawBody, secret, nowMs);
      return check.ok ? null : signatureProblems(header)[check.reason];
    },
    parse,
  };
}

export const webhookSources: Record<WebhookSourceName, WebhookSource> = {
  timerex: {
    secretName: 'timerex_token',
    header: 'x-timerex-authorization',
    authenticate: (proof, _rawBody, secret) => {
      if (proof === undefined || proof === '')
        return 'the x-timerex-authorization header is missing';
      return sameSecret(proof, secret)
        ? null
        : 'the x-timerex-authorization token is not the one configured';
    },
    parse: parseTimerexPayload,
  },
  calendly: bySignature('calendly_signing_key', 'calendly-webhook-signature', parseCalendlyPayload),
  generic: bySignature('generic_secret', 'leadbridge-signature', parseGenericPayload),
};
