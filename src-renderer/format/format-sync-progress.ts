import type { SyncProgress } from '../../src-preload/contract';
import { plural } from './plural';

export interface ProgressLook {
  /** 0–100 when the total is known; null draws an indeterminate bar. */
  percent: number | null;
  label: string;
}

const count = (n: number) => n.toLocaleString();

export function syncProgressLook(progress: SyncProgress): ProgressLook {
  const pages = plural(progress.pages, 'page');
  if (progress.phase === 'import') {
    const total = progress.estimatedTotal;
    if (total !== null && total > 0) {
      return {
        percent: Math.min(100, (progress.records / total) * 100),
        label: `Importing Leads: ${count(progress.records)} of ${count(total)} · ${pages}`,
      };
    }
    return { percent: null, label: `Importing Leads: ${count(progress.records)} · ${pages}` };
  }
  if (progress.phase === 'reconcile') {
    const total = progress.estimatedTotal;
    return {
      percent: total ? Math.min(100, (progress.records / total) * 100) : null,
      label: `Reconciling with Salesforce: ${count(progress.records)}${total ? ` of ${count(total)}` : ''} Leads compared · ${pages}`,
    };
  }
  return {
    percent: null,
    label: `Checking for changes: ${plural(progress.records, 'record')} · ${pages}`,
  };
}
