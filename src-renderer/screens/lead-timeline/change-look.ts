import type { LeadChange } from '../../../src-preload/contract';
import { logKindLabel } from '../../../src-preload/log-words';
import { formatFieldValue } from '../../format/format-field-value';

export interface ChangeLook {
  color: string;
  title: string;
  /** What happened, in the words the log uses for the same kind ("Field changed"). */
  kindLabel: string;
  /** "Open → Working - Contacted" for a field change; null for the other kinds. */
  values: { from: string; to: string } | null;
}

export function changeLook(change: LeadChange): ChangeLook {
  return { ...lookOf(change), kindLabel: logKindLabel(`lead.${change.kind}`) };
}

function lookOf(change: LeadChange): Omit<ChangeLook, 'kindLabel'> {
  switch (change.kind) {
    case 'created':
      return { color: 'teal', title: 'Created in Salesforce', values: null };
    case 'deleted':
      return { color: 'red', title: 'Deleted in Salesforce', values: null };
    case 'merged':
      return {
        color: 'grape',
        title: `Merged into ${typeof change.newValue === 'string' ? change.newValue : 'another Lead'}`,
        values: null,
      };
    case 'converted':
      return { color: 'teal', title: 'Converted to a Contact', values: null };
    default:
      return {
        color: 'blue',
        title: change.field ?? 'A field changed',
        values: { from: formatFieldValue(change.oldValue), to: formatFieldValue(change.newValue) },
      };
  }
}

/** Newest first: the timeline answers "what happened lately" before "how it began". */
export function newestFirst(changes: readonly LeadChange[]): LeadChange[] {
  return [...changes].sort((a, b) => b.id - a.id);
}
