// What the REST handlers share: the org, its rules, its cursors, and the acting user.
import type { OrgState } from './org-state';
import type { RecordRules } from './records';
import type { CursorStore } from './query-results';
import type { ApiUsage } from './api-usage';
import type { FaultInjector } from './faults';
import type { LeadOperations } from './lead-operations';
import type { BulkQueryJobs } from './bulk-query';
import type { RecentlyViewed } from './recent-items';

export interface OrgServices {
  state: OrgState;
  rules: RecordRules;
  cursors: CursorStore;
  usage: ApiUsage;
  faults: FaultInjector;
  leads: LeadOperations;
  bulkQueries: BulkQueryJobs;
  recent: RecentlyViewed;
}

export const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0'];
export const LATEST_VERSION = '62.0';

/** The change origin Salesforce puts in CDC headers for REST API writes. */
export function restOrigin(version: string): string {
  return `com/salesforce/api/rest/${version}`;
}
