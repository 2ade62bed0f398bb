import type {
  ChannelRuleError,
  ConditionFieldInfo,
  ConditionScalar,
  FieldWrite,
  FieldWriteSource,
  InstanceStatus,
} from '../../../src-preload/contract';
import { formatFieldValue } from '../../format/format-field-value';
import { instanceStatusLook } from '../meetings/instance-look';
import { valueKindOf } from './condition-operators';

export const WRITE_SOURCE_LABELS: Record<FieldWriteSource, string> = {
  fixed: 'A fixed value',
  meeting_start: 'The meeting’s start',
  meeting_end: 'The meeting’s end',
  meeting_url: 'The meeting URL',
  host_email: 'The host’s email',
  instance_status: 'The instance’s status',
  host_user: 'The host’s Salesforce User',
};

/** What a write sets, after "=": the words a source stands for, in a sentence. */
const SOURCE_WORDS: Record<Exclude<FieldWriteSource, 'fixed'>, string> = {
  meeting_start: 'the meeting’s start',
  meeting_end: 'the meeting’s end',
  meeting_url: 'the meeting URL',
  host_email: 'the host’s email',
  instance_status: 'the instance’s status',
  host_user: 'the host’s Salesforce User',
};

/** Fields an Update channel may write, by label, as the picker offers them. */
export function updateableFields(fields: readonly ConditionFieldInfo[]): ConditionFieldInfo[] {
  return fields
    .filter((field) => field.updateable && field.writeSources.length > 0)
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** A fixed value to start from, of the field's type, for the admin to fill in. */
export function blankFixedValue(info: ConditionFieldInfo | undefined): ConditionScalar {
  return valueKindOf(info) === 'boolean' ? true : '';
}

/**
 * A write of `source`: only `fixed` carries a value (kept when it was fixed already, blank
 * of the field's type otherwise); the other sources come from the instance.
 */
export function withSource(
  write: FieldWrite,
  source: FieldWriteSource,
  info: ConditionFieldInfo | undefined,
): FieldWrite {
  if (source !== 'fixed') return { field: write.field, source };
  const value =
    write.source === 'fixed' && write.value !== undefined ? write.value : blankFixedValue(info);
  return { field: write.field, source, value };
}

/**
 * A new write of a field: the host's User for a reference to User (the owner routing the
 * channel exists for), else a fixed value when the field takes one, else its first source.
 */
export function writeForField(info: ConditionFieldInfo): FieldWrite {
  const { writeSources } = info;
  const source = writeSources.includes('host_user')
    ? 'host_user'
    : writeSources.includes('fixed')
      ? 'fixed'
      : (writeSources[0] ?? 'fixed');
  return withSource({ field: info.name, source }, source, info);
}

/** "Owner (OwnerId)", or the API name alone when the field is unknown or labelled by it. */
export function fieldWords(fieldName: string, fields: readonly ConditionFieldInfo[]): string {
  const info = fields.find((field) => field.name === fieldName);
  return info && info.label !== fieldName ? `${info.label} (${fieldName})` : fieldName;
}

/** "Status = “Meeting Booked”", "Owner (OwnerId) = the host’s Salesforce User", "clear Phone". */
export function describeWrite(write: FieldWrite, fields: readonly ConditionFieldInfo[]): string {
  const field = fieldWords(write.field, fields);
  if (write.source !== 'fixed') return `${field} = ${SOURCE_WORDS[write.source]}`;
  if (write.value === null) return `clear ${field}`;
  return `${field} = “${formatFieldValue(write.value)}”`;
}

/** "Writes Status = “Meeting Booked”, Owner (OwnerId) = the host’s Salesforce User". */
export function describeWrites(
  writes: readonly FieldWrite[],
  fields: readonly ConditionFieldInfo[],
): string {
  if (writes.length === 0) return 'Writes nothing yet';
  return `Writes ${writes.map((write) => describeWrite(write, fields)).join(', ')}`;
}

/** "When booked", "When booked or rescheduled": an Update channel's trigger in words. */
export function describeStatusTrigger(statuses: readonly InstanceStatus[]): string {
  const words = statuses.map((status) => instanceStatusLook(status).label.toLowerCase());
  if (words.length === 0) return 'On no status yet';
  const last = words.pop()!;
  return `When ${words.length > 0 ? `${words.join(', ')} or ${last}` : last}`;
}

/** The host's problems with each write, by its index in the channel's writes. */
export function errorsByWrite(errors: readonly ChannelRuleError[]): Map<number, string[]> {
  const byWrite = new Map<number, string[]>();
  for (const error of errors) {
    if (error.write === undefined) continue;
    byWrite.set(error.write, [...(byWrite.get(error.write) ?? []), error.message]);
  }
  return byWrite;
}
