import type { LeadSummary } from '../../../src-preload/contract';

export interface LeadMark {
  label: string;
  color: string;
  /** What the mark means, for the tooltip. */
  hint: string;
}

/** The marks a cached Lead carries next to its status: converted or deleted in Salesforce. */
export function leadMarks(lead: Pick<LeadSummary, 'isConverted' | 'isDeleted'>): LeadMark[] {
  const marks: LeadMark[] = [];
  if (lead.isConverted)
    marks.push({
      label: 'Converted',
      color: 'teal',
      hint: 'Converted to a Contact in Salesforce; the Lead is read-only there now.',
    });
  if (lead.isDeleted)
    marks.push({ label: 'Deleted', color: 'red', hint: 'Deleted in Salesforce.' });
  return marks;
}
