import type {
  PlatformEventKind,
  PlatformSecretName,
  PlatformSource,
  PlatformStatus,
  ReceivedEvent,
} from '../../../src-preload/contract';

interface SecretLook {
  label: string;
  /** Where the admin finds it, or what it is for. */
  description: string;
  /** Leadbridge can make one up (it is Leadbridge's own, not the platform's). */
  canGenerate: boolean;
}

export const SECRET_LOOKS: Record<PlatformSecretName, SecretLook> = {
  timerex_token: {
    label: 'TimeRex token',
    description:
      'The authorization token you enter in TimeRex’s webhook settings; TimeRex sends it with every call.',
    canGenerate: false,
  },
  calendly_signing_key: {
    label: 'Calendly signing key',
    description: 'The signing key of your Calendly webhook subscription, to check each call.',
    canGenerate: false,
  },
  generic_secret: {
    label: 'Generic webhook secret',
    description:
      'Signs Leadbridge’s own JSON events from any other platform or automation tool (Leadbridge-Signature).',
    canGenerate: true,
  },
  outbound_secret: {
    label: 'Outbound secret',
    description:
      'Signs the instance events Leadbridge sends, so the platform can check they are Leadbridge’s.',
    canGenerate: true,
  },
};

export const SOURCE_LABELS: Record<PlatformSource, string> = {
  timerex: 'TimeRex',
  calendly: 'Calendly',
  generic: 'Generic',
  manual: 'Entered by hand',
};

export const EVENT_KIND_LABELS: Record<PlatformEventKind, string> = {
  booked: 'Booked',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  completed: 'Completed',
  invite_sent: 'Invite sent',
  email_sent: 'Email sent',
};

/** "Set, ends in …c0de" or "Not set": never more of a secret than the host's hint. */
export function secretStateText(secret: { set: boolean; hint: string | null }): string {
  if (!secret.set) return 'Not set';
  return secret.hint ? `Set, ends in …${secret.hint}` : 'Set';
}

/** The receiver in a line: where it listens, why it does not, or that it is off. */
export function receiverLine(receiver: PlatformStatus['receiver']): {
  text: string;
  color: string;
} {
  if (!receiver.enabled) {
    return { text: 'Off: nothing listens for webhooks.', color: 'dimmed' };
  }
  if (receiver.listening && receiver.baseUrl) {
    return { text: `Listening at ${receiver.baseUrl}`, color: 'teal' };
  }
  if (receiver.error) return { text: `Not listening: ${receiver.error.message}`, color: 'red' };
  return { text: 'Starting…', color: 'dimmed' };
}

/** The address to give each platform while the receiver listens. */
export function hookUrls(baseUrl: string): { source: string; url: string }[] {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return (['timerex', 'calendly', 'generic'] as const).map((source) => ({
    source: SOURCE_LABELS[source],
    url: `${base}${source}`,
  }));
}

/** What became of a received event, in a line. */
export function receivedOutcome(event: Pick<ReceivedEvent, 'state' | 'outcome' | 'error'>): {
  text: string;
  color: string | undefined;
} {
  switch (event.state) {
    case 'pending':
      return { text: 'Stored; not applied yet', color: 'dimmed' };
    case 'applied':
      return { text: event.outcome ?? 'Applied', color: undefined };
    case 'failed':
      return { text: event.error?.message ?? 'Could not be applied', color: 'red' };
  }
}
