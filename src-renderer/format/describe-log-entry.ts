import {
  outboxConflictSchema,
  outboxKindSchema,
  reconcileReportSchema,
  type LogEntry,
} from '../../src-preload/contract';
import { describeAdminEntry } from './describe-admin-entry';
import { formatDuration } from './format-duration';
import { formatFieldValue } from './format-field-value';
import { describeConflict, describeOutboxWrite } from './outbox-words';
import { plural } from './plural';
import { reconcileCost, reconcileDrift } from './reconcile-look';
import { summarizeDetails } from './summarize-details';

export interface LogEntryLook {
  /** What the Subject column shows: a Lead's name where known, else the raw subject. */
  subject: string | null;
  /** The details as a sentence for the kinds people read most, else `key: value · …`. */
  summary: string;
  /** Set when the entry is about one Lead, so the row can open its timeline. */
  leadId: string | null;
}

/** A Lead's Id (key prefix 00Q): a booking posted to a Contact has no Lead timeline to open. */
const LEAD_ID = /^00Q[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

export function describeLogEntry(entry: LogEntry): LogEntryLook {
  const { details } = entry;
  // Instance, channel, write-back and booking entries are about the Lead they act on, so they
  // open its timeline too, under its name as cached now when they were written before it was.
  const aboutLead = /^(lead|instance|channel|writeback|outbound|booking)\./.test(entry.kind);
  const leadId =
    aboutLead && entry.subject !== null && LEAD_ID.test(entry.subject) ? entry.subject : null;
  const name = text(details.name) ?? entry.leadName ?? null;
  const subject = leadId !== null && name !== null ? name : entry.subject;

  if (entry.kind === 'instance.attempt')
    return { subject, leadId, summary: describeAttempt(details) };
  if (entry.kind.startsWith('instance.'))
    return { subject, leadId, summary: describeInstance(details) };
  // A booking post may have no record yet, or a Contact: still an outbox outcome to read.
  if (entry.kind.startsWith('writeback.'))
    return { subject, leadId, summary: describeWriteback(entry.kind, details) };
  // The outbound sender's outcomes are the outbox's, for an instance event.
  if (entry.kind.startsWith('outbound.')) {
    const asItem = { ...details, kind: 'instance_event', values: { type: details.type } };
    const outcome = entry.kind.replace('outbound.', 'writeback.');
    return { subject, leadId, summary: describeWriteback(outcome, asItem) };
  }
  if (entry.kind.startsWith('channel.'))
    return { subject, leadId, summary: describeChannel(entry.kind, details) };
  switch (entry.kind) {
    case 'lead.changed':
      return {
        subject,
        leadId,
        summary: `${text(details.field) ?? 'A field'}: ${formatFieldValue(details.from)} → ${formatFieldValue(details.to)}`,
      };
    case 'lead.created':
      return { subject, leadId, summary: 'New Lead in Salesforce' };
    case 'lead.deleted':
      return { subject, leadId, summary: 'Deleted in Salesforce' };
    case 'lead.merged':
      return {
        subject,
        leadId,
        summary: `Merged into ${text(details.masterRecordId) ?? 'another Lead'} in Salesforce`,
      };
    case 'lead.converted':
      return {
        subject,
        leadId,
        summary: [
          'Converted in Salesforce',
          text(details.contactId) && `Contact ${text(details.contactId)}`,
          text(details.accountId) && `Account ${text(details.accountId)}`,
          text(details.opportunityId) && `Opportunity ${text(details.opportunityId)}`,
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'lead.removed':
      return {
        subject,
        leadId,
        summary:
          'Removed from the cache: Salesforce no longer shows it (purged, or no longer shared)',
      };
    case 'sync.reconciled': {
      const report = reconcileReportSchema.safeParse(details);
      return {
        subject,
        leadId,
        summary: report.success
          ? `Reconciled: ${reconcileDrift(report.data)} · ${reconcileCost(report.data)}`
          : summarizeDetails(details),
      };
    }
    case 'sync.completed':
      return { subject, leadId, summary: describeSyncRun(details) };
    case 'sync.import-started': {
      const estimated = numberIn(details, 'estimatedTotal');
      return {
        subject,
        leadId,
        summary:
          estimated === null
            ? 'First import of every Lead'
            : `First import: ${plural(estimated, 'Lead')} in the org`,
      };
    }
    case 'sync.bulk-job-started':
      return {
        subject,
        leadId,
        summary: 'First import as one Salesforce Bulk API 2.0 query job (a large org)',
      };
    case 'sync.bulk-job-restarted':
      return {
        subject,
        leadId,
        summary: `Bulk API query job started again: ${text(details.reason) ?? 'the previous one could not be read'}`,
      };
    case 'sync.import-completed': {
      const records = numberIn(details, 'records');
      const pages = numberIn(details, 'pages');
      return {
        subject,
        leadId,
        summary: [
          'Import complete',
          records === null ? null : plural(records, 'Lead'),
          pages === null ? null : plural(pages, 'page'),
        ]
          .filter((part) => part !== null)
          .join(' · '),
      };
    }
    case 'sync.failed': {
      const retry = typeof details.retryInMinutes === 'number' ? details.retryInMinutes : null;
      const message = text(details.message) ?? summarizeDetails(details);
      return {
        subject,
        leadId,
        summary: retry === null ? message : `${message} Retrying in ${retry} min.`,
      };
    }
    case 'schema.field-renamed':
      return {
        subject,
        leadId,
        summary:
          `Field ${text(details.from) ?? '?'} renamed to ${text(details.to) ?? '?'}. ${text(details.advice) ?? ''}`.trim(),
      };
    case 'schema.field-removed':
      return {
        subject,
        leadId,
        summary: `Field ${text(details.name) ?? '?'} removed. ${text(details.advice) ?? ''}`.trim(),
      };
    case 'sync.cache-replaced': {
      const deleted = numberIn(details, 'leadsDeleted');
      return {
        subject,
        leadId,
        summary: `Signed in to another org (${text(details.to) ?? '?'}): deleted ${
          deleted === null ? 'the' : plural(deleted, 'cached Lead')
        } of ${text(details.from) ?? 'an earlier connection'}; importing the new org`,
      };
    }
    default:
      return {
        subject,
        leadId,
        summary: describeAdminEntry(entry.kind, details) ?? summarizeDetails(details),
      };
  }
}

function describeSyncRun(details: Record<string, unknown>): string {
  const records = numberIn(details, 'records');
  const changes = numberIn(details, 'changes');
  const apiCalls = numberIn(details, 'apiCalls');
  const durationMs = numberIn(details, 'durationMs');
  const parts = [
    details.phase === 'import' ? 'Import' : 'Incremental',
    records === null ? null : plural(records, 'record'),
    changes === null ? null : plural(changes, 'change'),
    apiCalls === null ? null : plural(apiCalls, 'API call'),
    durationMs === null ? null : formatDuration(durationMs),
    details.trigger === 'manual' ? 'manual' : null,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

function numberIn(details: Record<string, unknown>, key: string): number | null {
  const value = details[key];
  return typeof value === 'number' ? value : null;
}

function recordIn(details: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = details[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const CAUSES: Record<string, string> = {
  admin: 'by an admin',
  platform: 'by the meeting platform',
  system: 'by Leadbridge',
};

/** "“Intro call” instance activated (was initialized) by channel “Working leads”: Status changed." */
function describeInstance(details: Record<string, unknown>): string {
  const cause = details.cause as { kind?: unknown; name?: unknown } | undefined;
  const causeName = text(cause?.name);
  const causeKind = text(cause?.kind);
  const by =
    causeKind === 'channel'
      ? ` by channel “${causeName ?? '?'}”`
      : causeKind
        ? ` ${CAUSES[causeKind] ?? `by ${causeKind}`}`
        : '';
  const type = text(details.meetingType) ?? 'Meeting';
  const from = text(details.from);
  const to = statusWords(text(details.to) ?? '?');
  const what = from
    ? `“${type}” instance ${to} (was ${statusWords(from)})`
    : `New “${type}” instance, ${to}`;
  return sentence(`${what}${by}`, text(details.reason));
}

/** "Invite recorded for “Intro call”: Spring offer." */
function describeAttempt(details: Record<string, unknown>): string {
  const what = details.kind === 'invite' ? 'Invite' : 'Email';
  const type = text(details.meetingType) ?? 'meeting';
  return sentence(`${what} recorded for “${type}”`, text(details.subject));
}

/** What the worker's outcome of one item was, in the words of the Outbox view. */
function describeWriteback(kind: string, details: Record<string, unknown>): string {
  // An owner routed to the host's User is logged apart from the fixed values, by email.
  const hostUsers = Object.entries(recordIn(details, 'hostUsers')).map(([field, hostEmail]) => [
    field,
    { hostEmail },
  ]);
  const values = { ...recordIn(details, 'values'), ...Object.fromEntries(hostUsers) };
  const itemKind = outboxKindSchema.safeParse(details.kind);
  const bookingId = typeof details.bookingId === 'number' ? details.bookingId : null;
  const what = itemKind.success
    ? describeOutboxWrite({ kind: itemKind.data, values, bookingId })
    : 'a write';
  const message = text(details.message);
  // Instance events go to the meeting platform's URL, never to Salesforce.
  const toPlatform = itemKind.success && itemKind.data === 'instance_event';
  switch (kind) {
    case 'writeback.sent': {
      const id = text(details.resultId);
      if (toPlatform) return `Sent ${what} to the meeting platform.`;
      return itemKind.success && itemKind.data !== 'lead_update'
        ? `Created ${what}${id ? ` (${id})` : ''} in Salesforce.`
        : `Wrote ${what} to Salesforce.`;
    }
    case 'writeback.conflict': {
      const conflicts = outboxConflictSchema.array().safeParse(details.conflicts);
      const held = conflicts.success ? conflicts.data.map(describeConflict).join('; ') : null;
      return sentence(`Not overwritten: a person changed it first`, held);
    }
    case 'writeback.failed':
      return sentence(
        `${toPlatform ? 'The meeting platform' : 'Salesforce'} refused ${what}`,
        message,
      );
    case 'writeback.skipped':
      return sentence(`Skipped ${what}`, message);
    case 'writeback.retrying':
      return sentence(`Will try ${what} again`, message);
    case 'writeback.retried':
    case 'writeback.discarded': {
      const items = Array.isArray(details.itemIds) ? details.itemIds.length : 0;
      return `${plural(items, 'write')} ${kind === 'writeback.retried' ? 'sent again' : 'discarded'} by an admin.`;
    }
    default:
      return summarizeDetails(details);
  }
}

const EFFECTS: Record<string, (type: string) => string> = {
  initialized: (type) => `initialized an instance of “${type}”`,
  activated: (type) => `activated an instance of “${type}”`,
  deactivated: () => 'deactivated the Lead’s open instances',
  already_open: (type) => `found an instance of “${type}” already open`,
  nothing_open: () => 'found no open instance to deactivate',
};

/** "Channel “Working leads” fired and activated an instance of “Intro call”: Status changed…". */
function describeChannel(kind: string, details: Record<string, unknown>): string {
  const channel = `Channel “${text(details.channel) ?? '?'}”`;
  const reason = text(details.reason);
  switch (kind) {
    case 'channel.fired': {
      const effect = EFFECTS[text(details.effect) ?? ''];
      const type = text(details.meetingType) ?? 'meeting';
      return sentence(effect ? `${channel} fired and ${effect(type)}` : `${channel} fired`, reason);
    }
    case 'channel.waiting':
      return sentence(`${channel} will fire once the Lead is synced`, reason);
    case 'channel.disabled':
      // Without an admin behind it, a disable is Leadbridge's, after a schema change.
      return reason
        ? sentence(`${channel} was disabled by Leadbridge`, reason)
        : `${channel} was disabled.`;
    case 'channel.enabled':
      return `${channel} was enabled.`;
    case 'channel.created':
    case 'channel.updated': {
      const version = numberIn(details, 'version');
      const type = text(details.meetingType);
      return `${channel} ${kind === 'channel.created' ? 'created' : 'saved'}${
        type ? ` for “${type}”` : ''
      }${version === null ? '' : ` (version ${version})`}.`;
    }
    case 'channel.deleted':
      return `${channel} was deleted.`;
    case 'channel.run-failed':
      return text(details.message) ?? summarizeDetails(details);
    default:
      return `${channel}: ${summarizeDetails(details)}`;
  }
}

/** `no_show` → `no show`. */
function statusWords(status: string): string {
  return status.replaceAll('_', ' ');
}

/** "Head: reason." with one full stop, or "Head." without a reason. */
function sentence(head: string, reason: string | null): string {
  return reason ? `${head}: ${reason.replace(/\.$/, '')}.` : `${head}.`;
}
