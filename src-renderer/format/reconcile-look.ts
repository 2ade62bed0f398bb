import type { ReconcileReport } from '../../src-preload/contract';
import { formatDuration } from './format-duration';
import { plural } from './plural';

/** "In step with Salesforce" or what drifted: "1 missing · 2 out of date · 3 gone (1 removed)". */
export function reconcileDrift(report: ReconcileReport): string {
  const drift = [
    report.missing > 0 ? `${report.missing.toLocaleString()} missing` : null,
    report.stale > 0 ? `${report.stale.toLocaleString()} out of date` : null,
    report.gone > 0
      ? `${report.gone.toLocaleString()} gone${report.removed > 0 ? ` (${report.removed.toLocaleString()} removed)` : ''}`
      : null,
    report.expired > 0 ? `${plural(report.expired, 'old deletion')} forgotten` : null,
  ].filter((part) => part !== null);
  return drift.length === 0 ? 'In step with Salesforce' : drift.join(' · ');
}

/** "10,000 Leads compared · 5 API calls · took 1.2 s" */
export function reconcileCost(report: ReconcileReport): string {
  return [
    `${plural(report.orgLeads, 'Lead')} compared`,
    plural(report.apiCalls, 'API call'),
    `took ${formatDuration(report.durationMs)}`,
  ].join(' · ');
}
