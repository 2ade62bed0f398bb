/**
 * The log in an admin's words: what each kind means and which heading it is filtered under,
 * and how a detail's name and value read. Shared by the renderer (the log, its kind filter)
 * and the host (the CSV export), so the screen and the spreadsheet say the same thing. Kept
 * apart from the contract's schemas so the renderer can read it without bundling zod.
 */

export const logKindGroups = ['sync', 'channels', 'writeback', 'bookings', 'connection'] as const;
export type LogKindGroup = (typeof logKindGroups)[number];

export const logKindGroupLabels: Record<LogKindGroup, string> = {
  sync: 'Sync',
  channels: 'Channels',
  writeback: 'Write-back',
  bookings: 'Bookings',
  connection: 'Connection',
};

interface LogKindWords {
  label: string;
  group: LogKindGroup;
}

const sync = (label: string): LogKindWords => ({ label, group: 'sync' });
const channels = (label: string): LogKindWords => ({ label, group: 'channels' });
const writeback = (label: string): LogKindWords => ({ label, group: 'writeback' });
const bookings = (label: string): LogKindWords => ({ label, group: 'bookings' });
const connection = (label: string): LogKindWords => ({ label, group: 'connection' });

/** Every kind the host writes (log-words.test.ts fails when one is missing). */
export const logKindWords: Readonly<Record<string, LogKindWords>> = {
  'sync.completed': sync('Sync finished'),
  'sync.failed': sync('Sync failed'),
  'sync.skipped': sync('Sync skipped'),
  'sync.paused': sync('Sync paused'),
  'sync.resumed': sync('Sync resumed'),
  'sync.import-started': sync('Import started'),
  'sync.import-completed': sync('Import finished'),
  'sync.bulk-job-started': sync('Bulk import job started'),
  'sync.bulk-job-restarted': sync('Bulk import job restarted'),
  'sync.query-narrowed': sync('Sync query narrowed'),
  'sync.reconciled': sync('Cache checked against Salesforce'),
  'sync.cache-replaced': sync('Cache replaced (another org)'),
  'sync.streaming-started': sync('Live updates on'),
  'sync.streaming-stopped': sync('Live updates off'),
  'sync.streaming-unavailable': sync('Live updates unavailable'),
  'sync.streaming-replay-expired': sync('Live updates missed events'),
  'lead.created': sync('Lead created'),
  'lead.changed': sync('Field changed'),
  'lead.deleted': sync('Lead deleted'),
  'lead.merged': sync('Lead merged'),
  'lead.converted': sync('Lead converted'),
  'lead.removed': sync('Lead left the cache'),
  'schema.field-renamed': sync('Field renamed in Salesforce'),
  'schema.field-removed': sync('Field removed in Salesforce'),

  'channel.created': channels('Channel created'),
  'channel.updated': channels('Channel saved'),
  'channel.enabled': channels('Channel turned on'),
  'channel.disabled': channels('Channel turned off'),
  'channel.deleted': channels('Channel deleted'),
  'channel.fired': channels('Channel fired'),
  'channel.waiting': channels('Channel waits for the Lead'),
  'channel.run-failed': channels('Channel run failed'),
  'meeting-type.created': channels('Meeting type created'),
  'meeting-type.updated': channels('Meeting type saved'),
  'meeting-type.archived': channels('Meeting type archived'),
  'instance.initialized': channels('Meeting initialized'),
  'instance.activated': channels('Meeting activated'),
  'instance.invited': channels('Meeting invite sent'),
  'instance.booked': channels('Meeting booked'),
  'instance.rescheduled': channels('Meeting rescheduled'),
  'instance.completed': channels('Meeting completed'),
  'instance.no-show': channels('Meeting no-show'),
  'instance.declined': channels('Meeting declined'),
  'instance.cancelled': channels('Meeting cancelled'),
  'instance.deactivated': channels('Meeting deactivated'),
  'instance.needs-attention': channels('Meeting needs attention'),
  'instance.attempt': channels('Invite or email recorded'),

  'writeback.sent': writeback('Written to Salesforce'),
  'writeback.conflict': writeback('Write held (conflict)'),
  'writeback.failed': writeback('Write failed'),
  'writeback.skipped': writeback('Write skipped'),
  'writeback.retrying': writeback('Write will retry'),
  'writeback.deferred': writeback('Writes waiting'),
  'writeback.retried': writeback('Writes retried by an admin'),
  'writeback.discarded': writeback('Writes discarded by an admin'),
  'outbound.sent': writeback('Platform event sent'),
  'outbound.failed': writeback('Platform event refused'),
  'outbound.retrying': writeback('Platform event will retry'),

  'booking.posted': bookings('Booking posted to Salesforce'),
  'booking.not_created': bookings('Booking not posted (no record)'),
  'booking.failed': bookings('Booking post failed'),
  'booking.retrying': bookings('Booking post will retry'),
  'booking.deferred': bookings('Booking posts waiting'),
  'booking-settings.saved': bookings('Booking settings saved'),
  'booking-settings.deleted': bookings('Booking settings deleted'),
  'platform.settings-changed': bookings('Platform settings saved'),
  'platform.secret-set': bookings('Platform secret set'),

  'connection.started': connection('Sign-in started'),
  'connection.cancelled': connection('Sign-in cancelled'),
  'connection.connected': connection('Connected to Salesforce'),
  'connection.rejected': connection('Sign-in reply refused'),
  'connection.reconnect-needed': connection('Sign-in needed again'),
  'connection.disconnected': connection('Disconnected from Salesforce'),
  'connection.demo-ended': connection('Demo org ended'),
  'app.started': connection('Leadbridge started'),
  'settings.changed': connection('Settings saved'),
  'deeplink.received': connection('Leadbridge link opened'),
};

/**
 * A kind in words. A kind this table does not know yet (an older or newer host's) still reads
 * as words: `sync.streaming-started` → "Sync: streaming started".
 */
export function logKindLabel(kind: string): string {
  const known = logKindWords[kind];
  if (known) return known.label;
  const [domain = '', ...rest] = kind.split('.');
  const words = (text: string) => text.replace(/[-_]/g, ' ');
  const head = words(domain).replace(/^./, (letter) => letter.toUpperCase());
  return rest.length === 0 ? head : `${head}: ${words(rest.join(' '))}`;
}

/** The heading a kind is filtered under; an unknown kind goes under its domain's neighbours. */
export function logKindGroup(kind: string): LogKindGroup {
  const known = logKindWords[kind];
  if (known) return known.group;
  const domain = kind.split('.')[0] ?? '';
  const byDomain = Object.entries(logKindWords).find(([other]) => other.startsWith(`${domain}.`));
  return byDomain?.[1].group ?? 'connection';
}

/** A detail's name in words: `retryAt` → `retry at`; `apiCalls` → `API calls`; `itemIds` → `item IDs`. */
export function detailKeyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bapi\b/g, 'API')
    .replace(/\bids?\b/g, (id) => (id === 'id' ? 'ID' : 'IDs'));
}

/** An instant as the host writes it (`toISOString`, or Salesforce's `+0000`). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A detail's value in words, nested values included (never JSON); instants as the reader's
 * time (`instant`), missing values as `—`.
 */
export function detailValueWords(value: unknown, instant: (iso: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? instant(value) : value;
  // Ungrouped: many numbers are ports, Ids or versions, and a spreadsheet reads them as numbers.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const words = (inner: unknown) => detailValueWords(inner, instant);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(words).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  return `(${entries.map(([key, inner]) => `${detailKeyWords(key)} ${words(inner)}`).join(', ')})`;
}
