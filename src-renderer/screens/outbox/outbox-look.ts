import type {
  OutboxCounts,
  OutboxItem,
  OutboxState,
  OutboxStatus,
} from '../../../src-preload/contract';
import type { ChipLook } from '../../components/count-chip-filter';
import { plural } from '../../format/plural';

export const OUTBOX_STATE_LOOKS: Record<OutboxState, ChipLook> = {
  pending: { label: 'Pending', color: 'blue', hint: 'Waiting to be sent, or to be tried again' },
  sent: { label: 'Sent', color: 'teal', hint: 'Salesforce took it' },
  conflict: {
    label: 'Conflict',
    color: 'orange',
    hint: 'A person changed a field after Leadbridge decided: that field was not written',
  },
  failed: {
    label: 'Failed',
    color: 'red',
    hint: 'Salesforce refused it: fix the cause, then Retry',
  },
  skipped: {
    label: 'Skipped',
    color: 'gray',
    hint: 'Nothing to write any more (the Lead was converted or deleted)',
  },
  discarded: { label: 'Discarded', color: 'dark', hint: 'An admin dropped it; it is never sent' },
};

/** The filter's order: what needs a person first, then the rest. */
export const OUTBOX_STATES_SHOWN: readonly OutboxState[] = [
  'failed',
  'conflict',
  'pending',
  'sent',
  'skipped',
  'discarded',
];

/** Retry sends again what Salesforce refused or what a conflict held back. */
export function canRetry(item: Pick<OutboxItem, 'state'>): boolean {
  return item.state === 'failed' || item.state === 'conflict';
}

/** Discard drops what has not been sent (or was refused): a sent write cannot be undone here. */
export function canDiscard(item: Pick<OutboxItem, 'state'>): boolean {
  return item.state === 'pending' || item.state === 'failed' || item.state === 'conflict';
}

/** "3 pending · 1 failed": the counts that are not zero, needing-attention first. */
export function describeCounts(counts: OutboxCounts): string {
  const parts = OUTBOX_STATES_SHOWN.filter((state) => counts[state] > 0).map(
    (state) => `${counts[state].toLocaleString()} ${OUTBOX_STATE_LOOKS[state].label.toLowerCase()}`,
  );
  return parts.length === 0 ? 'Nothing written yet' : parts.join(' · ');
}

/** Whether the outbox has something a person should see: a backlog, a send, or a refusal. */
export function outboxNeedsMention(status: OutboxStatus): boolean {
  return status.counts.pending > 0 || status.counts.failed > 0 || status.draining;
}

/** "1 write failed" — what waits on a person, for a badge; null when nothing does. */
export function attentionText(counts: OutboxCounts): string | null {
  if (counts.failed === 0) return null;
  return `${plural(counts.failed, 'write')} failed`;
}

/**
 * What happened to an item, in a line (a conflict's fields are listed under it, each with
 * describeConflict): Salesforce's refusal, the next try, or what was created.
 */
export function describeOutcome(
  item: Pick<
    OutboxItem,
    'kind' | 'state' | 'attempts' | 'nextAttemptAt' | 'error' | 'resultId' | 'conflicts'
  >,
  formatTime: (iso: string) => string,
): string {
  // Instance events go to the meeting platform's address, never to Salesforce.
  const toPlatform = item.kind === 'instance_event';
  switch (item.state) {
    case 'pending': {
      if (item.attempts === 0) return 'Waiting to be sent';
      const next = item.nextAttemptAt ? `; next try ${formatTime(item.nextAttemptAt)}` : '';
      const why = item.error ? `: ${item.error.message}` : '';
      return `Tried ${plural(item.attempts, 'time')}${next}${why}`;
    }
    case 'sent':
      if (item.resultId) return `Created ${item.resultId}`;
      return toPlatform ? 'Sent to the meeting platform' : 'Written to Salesforce';
    case 'conflict':
      return `${plural(item.conflicts.length, 'field')} not written: a person changed ${item.conflicts.length === 1 ? 'it' : 'them'} first`;
    case 'failed':
      return (
        item.error?.message ??
        (toPlatform ? 'The meeting platform refused it' : 'Salesforce refused it')
      );
    case 'skipped':
      return item.error?.message ?? 'Nothing to write any more';
    case 'discarded':
      return 'Discarded: it will not be sent';
  }
}

/**
 * "Field custom validation exception (failed)" for Salesforce's code and the state it left
 * the items in; "Conflict" alone when the code is the state's own name.
 */
export function reasonLabel(reason: { code: string; state: OutboxState }): string {
  const label = OUTBOX_STATE_LOOKS[reason.state].label;
  const words = reason.code.toLowerCase().replace(/_/g, ' ');
  if (words === reason.state) return label;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${label.toLowerCase()})`;
}
