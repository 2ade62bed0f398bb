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

/**
 * The org is on Winter '25: it serves v31.0 (Summer '14) to v62.0. Versions 7.0–30.0 are retired
 * (the last of them in Summer '25) and answer 410 GONE; a version newer than the org's release
 * does not exist for it (404).
 */
export const OLDEST_VERSION = 31;
export const LATEST_VERSION = '62.0';

export type VersionStatus = 'served' | 'retired' | 'unknown';

export function versionStatus(version: string): VersionStatus {
  const [major, minor] = version.split('.').map(Number);
  if (major === undefined || minor !== 0) return 'unknown';
  if (major < OLDEST_VERSION) return major >= 1 ? 'retired' : 'unknown';
  return major <= Number(LATEST_VERSION) ? 'served' : 'unknown';
}

/** Every served version, oldest first, as `/services/data` lists them. */
export function servedVersions(): string[] {
  const versions: string[] = [];
  for (let major = OLDEST_VERSION; major <= Number(LATEST_VERSION); major++)
    versions.push(`${major}.0`);
  return versions;
}

/** Three releases a year since v31.0 (Summer '14): Summer, Winter (of the next year), Spring. */
export function releaseLabel(version: string): string {
  const n = Number.parseInt(version, 10) - OLDEST_VERSION;
  const season = ['Summer', 'Winter', 'Spring'][n % 3] ?? '';
  const year = 14 + Math.floor((n + 2) / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** The change origin Salesforce puts in CDC headers for REST API writes. */
export function restOrigin(version: string): string {
  return `com/salesforce/api/rest/${version}`;
}

const VERSIONED = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;

/** A REST API path split into its version and the rest (`/sobjects/Lead`); null if not one. */
export function versionedPath(path: string): { version: string; rest: string } | null {
  const match = VERSIONED.exec(path);
  return match ? { version: match[1] ?? '', rest: match[2] ?? '' } : null;
}
