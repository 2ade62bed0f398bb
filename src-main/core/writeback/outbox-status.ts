import type { OutboxCounts, OutboxStatus } from '../../../src-preload/contract';

export type OutboxHold = NonNullable<OutboxStatus['heldBy']>;

const HELD_BY: Record<OutboxHold, string> = {
  paused: 'sync is paused',
  'api-budget': 'the org is over the API budget set in Settings',
  disconnected: 'not connected to Salesforce',
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The sentence for the tray tooltip and the Sync screen. */
export function describeOutbox(facts: {
  counts: OutboxCounts;
  draining: boolean;
  heldBy: OutboxHold | null;
  nextAttemptAt: string | null;
  now: number;
}): string {
  const { counts, draining, heldBy, nextAttemptAt, now } = facts;
  const waiting = plural(counts.pending, 'write');
  let first: string;
  if (counts.pending === 0) first = 'All writes are in Salesforce.';
  else if (heldBy) first = `${waiting} waiting: ${HELD_BY[heldBy]}.`;
  else if (draining) first = `Writing ${waiting} to Salesforce…`;
  else if (nextAttemptAt && Date.parse(nextAttemptAt) > now) {
    const minutes = Math.max(1, Math.ceil((Date.parse(nextAttemptAt) - now) / 60_000));
    first = `${waiting} waiting: next try in ${plural(minutes, 'minute')}.`;
  } else first = `${waiting} waiting to be sent.`;
  const stopped = [
    counts.failed > 0 ? plural(counts.failed, 'failed write') : '',
    counts.conflict > 0 ? plural(counts.conflict, 'conflict') : '',
  ].filter(Boolean);
  return stopped.length > 0 ? `${first} ${stopped.join(', ')}: see the Outbox.` : first;
}
