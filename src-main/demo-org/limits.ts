// The /limits resources. Only DailyApiRequests moves; the rest mirror a real Developer Edition org.
import type { ApiUsage } from './api-usage';
import type { OrgState } from './org-state';

const STATIC_LIMITS: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentSyncReportRuns: 20,
  DailyAsyncApexExecutions: 250000,
  DailyBulkApiBatches: 15000,
  DailyBulkV2QueryJobs: 10000,
  DailyDurableGenericStreamingApiEvents: 10000,
  DailyDurableStreamingApiEvents: 10000,
  DailyGenericStreamingApiEvents: 10000,
  DailyStandardVolumePlatformEvents: 10000,
  DailyStreamingApiEvents: 10000,
  DailyWorkflowEmails: 15000,
  DataStorageMB: 5,
  DurableStreamingApiConcurrentClients: 20,
  FileStorageMB: 20,
  HourlyAsyncReportRuns: 1200,
  HourlyDashboardRefreshes: 200,
  HourlyODataCallout: 10000,
  HourlyPublishedPlatformEvents: 50000,
  HourlySyncReportRuns: 500,
  MassEmail: 10,
  MonthlyPlatformEventsUsageEntitlement: 750000,
  SingleEmail: 15,
  StreamingApiConcurrentClients: 20,
};

export function buildLimits(usage: ApiUsage): Record<string, { Max: number; Remaining: number }> {
  const limits: Record<string, { Max: number; Remaining: number }> = {};
  for (const [name, max] of Object.entries(STATIC_LIMITS))
    limits[name] = { Max: max, Remaining: max };
  limits.DailyApiRequests = { Max: usage.max, Remaining: usage.remaining };
  return Object.fromEntries(Object.entries(limits).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * `/limits/recordCount`: records per object, the Recycle Bin left out. Named objects are answered
 * even when empty (an unknown name is ignored); without names, every object that holds records.
 */
export function recordCounts(
  state: OrgState,
  requested: string[] | null,
): { sObjects: { count: number; name: string }[] } {
  const schemas =
    requested === null
      ? [...state.schemas.values()]
      : requested.flatMap((name) => state.schema(name.trim()) ?? []);
  const sObjects = [...new Set(schemas)].map((schema) => {
    let count = 0;
    for (const record of state.table(schema.name).values()) if (record.IsDeleted !== true) count++;
    return { count, name: schema.name };
  });
  return { sObjects: requested === null ? sObjects.filter((o) => o.count > 0) : sObjects };
}
