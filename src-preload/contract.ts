/**
 * THE contract between the renderer and main: every invoke method and every event, with
 * zod schemas. Both transports (Electron IPC and the headless HTTP host) are generated
 * from these two tables, so adding an entry here is all a new method needs.
 *
 * Imports only zod: the renderer, the preload and main all share this file.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Shared shapes

export const hostKindSchema = z.enum(['electron', 'headless']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDirectory: z.string(),
  hostKind: hostKindSchema,
  platform: z.string(),
  /**
   * The folder of the diagnostic log files (the desktop app); null where the log goes to
   * standard error instead (the headless host: its terminal or service journal).
   */
  logsDirectory: z.string().nullable(),
  /** Where Salesforce sends the browser back after sign-in: the External Client App lists it. */
  oauthCallbackUrl: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * Log kinds are dotted lower-case words (`app.started`, `lead.changed`), open-ended by design.
 * A word may hold `_` as the outcome it names does (`booking.not_created`): the filter offers
 * the kinds the log holds, and the log is append-only, so its kinds are never renamed.
 */
export const logKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, 'a log kind is dotted lower-case words');

export const logEntrySchema = z.object({
  id: z.number().int().positive(),
  time: z.string(),
  kind: logKindSchema,
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /**
   * The cached name of the Lead the subject names, as it is now (a guest's Lead is named once
   * the sync brings it); absent when the subject is not a cached Lead, and on live entries.
   */
  leadName: z.string().optional(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logPageSchema = z.object({
  entries: z.array(logEntrySchema),
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: z.number().int().nullable(),
  total: z.number().int().nonnegative(),
});
export type LogPage = z.infer<typeof logPageSchema>;

export const syncStateSchema = z.enum(['disconnected', 'idle', 'syncing', 'paused', 'error']);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncProgressSchema = z.object({
  /** `reconcile`: comparing every Lead Id and SystemModstamp of the org with the cache. */
  phase: z.enum(['import', 'incremental', 'reconcile']),
  pages: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  /** From COUNT() before an initial import; null when unknown. */
  estimatedTotal: z.number().int().nonnegative().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncRunSchema = z.object({
  at: z.string(),
  durationMs: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  apiCalls: z.number().int().nonnegative(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/**
 * What the last reconciliation found: Leads the org has that the cache lacked (late commits,
 * newly shared), cached versions older than the org's, and cached Leads the org no longer
 * shows (deleted: found in the Recycle Bin; removed: purged or no longer shared).
 */
export const reconcileReportSchema = z.object({
  at: z.string(),
  durationMs: z.number().int().nonnegative(),
  orgLeads: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  gone: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** Deleted Leads forgotten because the Recycle Bin keeps them 15 days only. */
  expired: z.number().int().nonnegative(),
  apiCalls: z.number().int().nonnegative(),
});
export type ReconcileReport = z.infer<typeof reconcileReportSchema>;

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  /** What a person should read next to the state: why it is paused, what failed and what to do. */
  message: z.string(),
  paused: z.boolean(),
  lastSyncAt: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  intervalMinutes: z.number().int().min(1).max(60),
  progress: syncProgressSchema.nullable(),
  lastRun: syncRunSchema.nullable(),
  lastReconcile: reconcileReportSchema.nullable(),
  /**
   * The org's API usage today, as the latest answer from Salesforce reported it (measuredAt),
   * and Leadbridge's cap: the one figure every screen shows.
   */
  apiUsage: z
    .object({
      used: z.number().int(),
      max: z.number().int(),
      capPercent: z.number(),
      measuredAt: z.string(),
    })
    .nullable(),
  /**
   * While a running sync waits to send a call again after Salesforce failed to answer it: what
   * failed and which attempt comes next. Null otherwise.
   */
  retry: z
    .object({
      attempt: z.number().int().positive(),
      attempts: z.number().int().positive(),
      failure: z.string(),
    })
    .nullable(),
  cachedLeads: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const orgKindSchema = z.enum(['production', 'sandbox', 'my-domain', 'demo']);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const connectionStateSchema = z.enum([
  /** At start-up, until the saved sign-in is read (the keychain may ask to be unlocked). */
  'restoring',
  'disconnected',
  'connecting',
  'connected',
  'reconnect-needed',
]);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/** The org whose Leads the local cache holds: it never holds two orgs' Leads at once. */
export const cachedOrgSchema = z.object({
  organizationId: z.string(),
  instanceUrl: z.string(),
});
export type CachedOrg = z.infer<typeof cachedOrgSchema>;

/** A sign-in to another org found the previous org's Leads cached and deleted them. */
export const cacheReplacedSchema = z.object({
  /** null: a cache from before Leadbridge recorded whose it is. */
  previous: cachedOrgSchema.nullable(),
  leadsDeleted: z.number().int().nonnegative(),
});
export type CacheReplaced = z.infer<typeof cacheReplacedSchema>;

export const connectionStatusSchema = z.object({
  state: connectionStateSchema,
  /** What a person should read: who is connected, what is awaited, or what to do. */
  message: z.string(),
  org: z
    .object({
      kind: orgKindSchema,
      loginUrl: z.string(),
      instanceUrl: z.string(),
      organizationId: z.string(),
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      email: z.string(),
      apiVersion: z.string(),
    })
    .nullable(),
  lastSuccessfulCallAt: z.string().nullable(),
  /** Why the last sign-in did not connect (Deny, a replayed link…); cleared by the next Connect. */
  problem: z.string().nullable(),
  token: z
    .object({
      issuedAt: z.string().nullable(),
      lastRefreshedAt: z.string().nullable(),
      canRefresh: z.boolean(),
      scope: z.string().nullable(),
    })
    .nullable(),
  /** Whose Leads are cached (null: none), so the screen can warn before another org's sign-in. */
  cachedOrg: cachedOrgSchema.nullable(),
  /** Set by a sign-in that replaced another org's cached Leads; cleared by the next Connect. */
  cacheReplaced: cacheReplacedSchema.nullable(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const leadSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  status: z.string().nullable(),
  systemModstamp: z.string(),
  isDeleted: z.boolean(),
  /** Converted to a Contact (and Account, Opportunity): read-only in Salesforce from then on. */
  isConverted: z.boolean(),
});
export type LeadSummary = z.infer<typeof leadSummarySchema>;

/**
 * A timing event: what changed on a Lead, by field API name, as the sync detected it. A merge
 * (`merged`: newValue is the surviving Lead's Id, field `MasterRecordId`) and a conversion
 * (`converted`: newValue holds the contactId, accountId and opportunityId) are one event each.
 */
export const leadChangeSchema = z.object({
  id: z.number().int(),
  leadId: z.string(),
  kind: z.enum(['created', 'changed', 'deleted', 'merged', 'converted']),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  systemModstamp: z.string(),
  detectedAt: z.string(),
});
export type LeadChange = z.infer<typeof leadChangeSchema>;

/**
 * A whole-number setting's range and how a person reads it. The Settings screen's inline
 * message and the host's refusal of a value sent directly say the same range in the same words.
 */
export interface WholeNumberRange {
  min: number;
  max: number;
  /** What is counted, as it reads before "from 1 to 60": "whole minutes". */
  what: string;
  /** Written with thousands separators (1,000), as large counts are; ports are not. */
  grouped: boolean;
}

/** The range of the Bulk import threshold: below 1,000 Leads REST pages are just as quick. */
export const BULK_IMPORT_THRESHOLD_MIN = 1_000;
export const BULK_IMPORT_THRESHOLD_MAX = 100_000_000;

export const syncIntervalRange: WholeNumberRange = {
  min: 1,
  max: 60,
  what: 'whole minutes',
  grouped: false,
};
export const apiBudgetRange: WholeNumberRange = {
  min: 10,
  max: 100,
  what: 'a whole percentage',
  grouped: false,
};
export const bulkImportThresholdRange: WholeNumberRange = {
  min: BULK_IMPORT_THRESHOLD_MIN,
  max: BULK_IMPORT_THRESHOLD_MAX,
  what: 'a whole number of Leads',
  grouped: true,
};
export const receiverPortRange: WholeNumberRange = {
  min: 1,
  max: 65535,
  what: 'a whole port number',
  grouped: false,
};

/** A value of the range as Leadbridge writes it: `200,000` Leads, `8787` for a port. */
export function formatWholeNumber(value: number, range: WholeNumberRange): string {
  return range.grouped ? value.toLocaleString('en-US') : String(value);
}

/** "whole minutes from 1 to 60" */
export function wholeNumberRule(range: WholeNumberRange): string {
  return `${range.what} from ${formatWholeNumber(range.min, range)} to ${formatWholeNumber(range.max, range)}`;
}

/** Refuses (never clamps or rounds) anything but a whole number in range, saying the range. */
function wholeNumberSchema(label: string, range: WholeNumberRange) {
  const error = `${label} must be ${wholeNumberRule(range)}.`;
  return z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error });
}

/** What a person may change in Settings (secrets never travel here). */
export const userSettingsSchema = z.object({
  syncIntervalMinutes: wholeNumberSchema('The sync interval', syncIntervalRange),
  /** Background sync pauses when the org has used this share of its daily API allowance. */
  apiBudgetPercent: wholeNumberSchema('The API budget', apiBudgetRange),
  /**
   * From this many Leads in the org (by COUNT()), the first import runs as a Bulk API 2.0 query
   * job instead of REST query pages.
   */
  bulkImportThreshold: wholeNumberSchema('The Bulk API import threshold', bulkImportThresholdRange),
  /** `api` (least privilege, the default) or `full`, each with `refresh_token`. */
  oauthScopes: z.enum(['api', 'full']),
  /** The External Client App's consumer key; empty uses the one this build ships with. */
  salesforceClientId: z.string().max(255),
  /**
   * Linux without a keyring only: store the sign-in anyway, sealed by a key that is the same
   * on every machine. Off by default; the Electron host refuses to store tokens that way.
   */
  allowInsecureSecretStorage: z.boolean(),
  /**
   * The desktop app starts, hidden in the tray, when the user logs in. The headless host
   * refuses to turn it on: a service manager starts a server.
   */
  startAtLogin: z.boolean(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

// ---------------------------------------------------------------------------
// Meetings: meeting types and their instances (AUTOMATION.md, "The model")

export const instanceStatuses = [
  'initialized',
  'activated',
  'invited',
  'booked',
  'rescheduled',
  'completed',
  'no_show',
  'declined',
  'cancelled',
  'deactivated',
  'needs_attention',
] as const;
export const instanceStatusSchema = z.enum(instanceStatuses);
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

/** Statuses in which an instance is still running; the others are final. */
export const openInstanceStatuses = [
  'initialized',
  'activated',
  'invited',
  'booked',
  'rescheduled',
  'needs_attention',
] as const satisfies readonly InstanceStatus[];

/**
 * What an admin may set by hand: the rest is reported by channels and the meeting platform.
 * `booked` by hand stands in for the platform's booking (with the meeting's facts) until the
 * meeting platform is connected.
 */
export const adminInstanceStatusSchema = z.enum([
  'activated',
  'booked',
  'deactivated',
  'completed',
  'no_show',
]);
export type AdminInstanceStatus = z.infer<typeof adminInstanceStatusSchema>;

/** What made a status change: a channel, an admin, a meeting-platform event, or Leadbridge itself. */
export const changeCauseSchema = z.object({
  kind: z.enum(['channel', 'admin', 'platform', 'system']),
  id: z.string().nullable(),
  name: z.string().nullable(),
});
export type ChangeCause = z.infer<typeof changeCauseSchema>;

const hostEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('a host is an email address').max(254));

/** Which activities Leadbridge records on the Lead for this meeting type (both on by default). */
export const activityLoggingSchema = z
  .object({
    /** Each invite or email attempt becomes a closed Task (`TaskSubtype = 'Email'`). */
    tasks: z.boolean(),
    /** A booked meeting becomes an Event (start, end, subject, meeting URL as Location). */
    events: z.boolean(),
  })
  .strict();
export type ActivityLogging = z.infer<typeof activityLoggingSchema>;

export const meetingTypeSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** Host users by email, in the order given; the first is the default host. */
  hosts: z.array(z.string()),
  /** The booking calendar on the meeting platform this type corresponds to, if any. */
  calendar: z.object({ id: z.string(), name: z.string() }).nullable(),
  archived: z.boolean(),
  /** Activity logging: invite and email attempts as Tasks, booked meetings as Events. */
  activityLogging: activityLoggingSchema,
  openInstances: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeetingType = z.infer<typeof meetingTypeSchema>;

/**
 * The fields a person edits on a meeting type, checked the same way on create and update
 * (no defaults here: on update, a missing field means "unchanged").
 */
const meetingTypeFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a meeting type needs a name').max(120),
  hosts: z.array(hostEmailSchema).min(1, 'a meeting type needs at least one host').max(20),
  calendar: z
    .object({ id: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(200) })
    .strict()
    .nullable(),
  activityLogging: activityLoggingSchema,
});
export const newMeetingTypeSchema = meetingTypeFieldsSchema
  .extend({
    calendar: meetingTypeFieldsSchema.shape.calendar.default(null),
    activityLogging: activityLoggingSchema.default({ tasks: true, events: true }),
  })
  .strict();
export type NewMeetingType = z.output<typeof newMeetingTypeSchema>;
export const meetingTypeChangesSchema = meetingTypeFieldsSchema.partial().strict();
export type MeetingTypeChanges = z.output<typeof meetingTypeChangesSchema>;

export const instanceChangeSchema = z.object({
  at: z.string(),
  from: instanceStatusSchema.nullable(),
  to: instanceStatusSchema,
  reason: z.string(),
  cause: changeCauseSchema,
});
export type InstanceChange = z.infer<typeof instanceChangeSchema>;

export const instanceSummarySchema = z.object({
  id: z.number().int().positive(),
  /** A Lead Id (a Contact Id for bookings linked to Contacts). */
  recordId: z.string(),
  recordKind: z.enum(['lead', 'contact']),
  email: z.string().nullable(),
  /** The Lead's name from the cache; null when it is not cached (yet, or any more). */
  name: z.string().nullable(),
  meetingType: z.object({ id: z.number().int().positive(), name: z.string() }),
  status: instanceStatusSchema,
  isOpen: z.boolean(),
  bookedStart: z.string().nullable(),
  bookedEnd: z.string().nullable(),
  hostEmail: z.string().nullable(),
  meetingUrl: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  lastChange: instanceChangeSchema,
  /**
   * What an admin may set now. `activated` on a closed instance starts a NEW instance (a
   * closed one never reopens).
   */
  adminStatuses: z.array(adminInstanceStatusSchema),
});
export type InstanceSummary = z.infer<typeof instanceSummarySchema>;

export const instanceHistoryEntrySchema = instanceChangeSchema.extend({
  id: z.number().int().positive(),
});
export type InstanceHistoryEntry = z.infer<typeof instanceHistoryEntrySchema>;

/** Sent after instance changes commit, so open views re-read what they show. */
export const instancesChangedSchema = z.object({
  changes: z.array(
    z.object({
      instanceId: z.number().int().positive(),
      meetingTypeId: z.number().int().positive(),
      recordId: z.string(),
      from: instanceStatusSchema.nullable(),
      to: instanceStatusSchema,
      at: z.string(),
    }),
  ),
});
export type InstancesChanged = z.infer<typeof instancesChangedSchema>;

/** A booked meeting's facts, as an admin enters them (the platform sends the same). */
export const bookingFactsSchema = z
  .object({
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    /** Must be one of the meeting type's hosts; Update channels route the owner by it. */
    hostEmail: hostEmailSchema,
    meetingUrl: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .nullable()
      .default(null),
  })
  .strict()
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), {
    message: 'the meeting must end after it starts',
    path: ['end'],
  });
export type BookingFacts = z.output<typeof bookingFactsSchema>;

/** An invite or email sent to the prospect (activity logging makes it a Task on the Lead). */
export const attemptKindSchema = z.enum(['invite', 'email']);
export type AttemptKind = z.infer<typeof attemptKindSchema>;

const entityId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// Channel conditions (AUTOMATION.md "Channels"). The group and rule shapes are
// react-querybuilder's RuleGroupType / RuleType (combinator, not, rules, field, operator,
// value, optional id), so the rule builder edits them as they are.

export const conditionOperatorSchema = z.enum([
  'is',
  'is_not',
  'is_any_of',
  'is_none_of',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in_last',
  'in_next',
  'is_empty',
  'is_not_empty',
  'changed',
  'changed_to',
  'changed_from',
  'changed_from_to',
  'became_empty',
  'became_not_empty',
]);
export type ConditionOperator = z.infer<typeof conditionOperatorSchema>;

/** A channel's conditions may not be larger or deeper than this; real ones have 5–10 rules. */
export const CONDITION_LIMITS = {
  maxRules: 200,
  /** The top group is depth 1. */
  maxDepth: 6,
  maxListValues: 500,
  maxTextLength: 1000,
} as const;

const conditionScalarSchema = z.union([
  z.string().max(CONDITION_LIMITS.maxTextLength),
  z.number(),
  z.boolean(),
]);
export type ConditionScalar = z.infer<typeof conditionScalarSchema>;

/** `in_last` / `in_next`: n days, weeks or months from today in the channel's time zone. */
export const relativePeriodSchema = z.object({
  amount: z.number().int().min(1).max(1000),
  unit: z.enum(['days', 'weeks', 'months']),
});
export type RelativePeriod = z.infer<typeof relativePeriodSchema>;

/**
 * A scalar (`is`, `contains`, `lt`, `changed_to`…), a list (`is_any_of`), a pair (`between`,
 * `changed_from_to`), a period (`in_last`), or nothing. Which one an operator takes, and
 * whether it fits the field's type, is checked by validateChannel against the describe.
 */
export const conditionValueSchema = z.union([
  conditionScalarSchema,
  z.array(conditionScalarSchema).max(CONDITION_LIMITS.maxListValues),
  relativePeriodSchema,
  z.null(),
]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

export const conditionRuleSchema = z.object({
  id: z.string().max(100).optional(),
  /** A Lead field's API name. */
  field: z
    .string()
    .max(100)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field is named by its Salesforce API name'),
  operator: conditionOperatorSchema,
  value: conditionValueSchema.optional(),
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export interface ConditionGroup {
  id?: string | undefined;
  combinator: 'and' | 'or';
  /** Negates the whole group. */
  not?: boolean | undefined;
  rules: (ConditionRule | ConditionGroup)[];
}

const conditionTreeSchema: z.ZodType<ConditionGroup> = z.object({
  id: z.string().max(100).optional(),
  combinator: z.enum(['and', 'or']),
  not: z.boolean().optional(),
  get rules() {
    return z.array(conditionNodeSchema).max(CONDITION_LIMITS.maxRules);
  },
});

/**
 * A group if it has `rules`, else a rule — decided up front (as react-querybuilder does) so
 * a bad rule is reported as that rule's problem, not as "matches neither a rule nor a group".
 */
const conditionNodeSchema: z.ZodType<ConditionRule | ConditionGroup> = z
  .unknown()
  .transform((input, context) => {
    const isGroup = typeof input === 'object' && input !== null && 'rules' in input;
    const parsed = (isGroup ? conditionTreeSchema : conditionRuleSchema).safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  });

/**
 * Depth and rule count of a condition tree. Walks without recursion and stops past the
 * limits, so a hostile input (depth 100,000, a million rules) costs little and cannot
 * overflow the stack before the schema refuses it.
 */
export function measureConditions(input: unknown): { depth: number; rules: number } {
  const pending: [unknown, number][] = [[input, 1]];
  let depth = 0;
  let rules = 0;
  while (pending.length > 0) {
    const [node, level] = pending.pop()!;
    const children =
      typeof node === 'object' && node !== null ? (node as { rules?: unknown }).rules : undefined;
    if (!Array.isArray(children)) {
      rules += 1;
      if (rules > CONDITION_LIMITS.maxRules) break;
      continue;
    }
    depth = Math.max(depth, level);
    if (depth > CONDITION_LIMITS.maxDepth) break;
    for (const child of children) pending.push([child, level + 1]);
  }
  return { depth, rules };
}

/** A channel's conditions: a nestable, negatable group of rules, bounded in size and depth. */
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z
  .unknown()
  .superRefine((input, context) => {
    const { depth, rules } = measureConditions(input);
    if (depth > CONDITION_LIMITS.maxDepth) {
      context.addIssue({
        code: 'custom',
        message: `Conditions nest groups more than ${CONDITION_LIMITS.maxDepth} deep; flatten them.`,
      });
    }
    if (rules > CONDITION_LIMITS.maxRules) {
      context.addIssue({
        code: 'custom',
        message: `Conditions have more than ${CONDITION_LIMITS.maxRules} rules; split them over several channels.`,
      });
    }
  })
  .pipe(conditionTreeSchema);

/** "becomes true" (the default): fires when the conditions go from false to true. */
export const channelTriggerSchema = z.enum(['becomes_true', 'every_time']);
export type ChannelTrigger = z.infer<typeof channelTriggerSchema>;

/** An IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone name (IANA, like Europe/Berlin)');

/** What decides whether a channel fires; the meeting type, kind and action sit beside it. */
export const channelRulesSchema = z.object({
  conditions: conditionGroupSchema,
  trigger: channelTriggerSchema.default('becomes_true'),
  /** Day boundaries for date rules (`in_last`, a date compared with a datetime). */
  timeZone: timeZoneSchema,
});
export type ChannelRules = z.infer<typeof channelRulesSchema>;

export const channelRuleErrorCodeSchema = z.enum([
  'FIELD_UNKNOWN',
  'FIELD_NOT_USABLE',
  'OPERATOR_NOT_FOR_TYPE',
  'VALUE_MISSING',
  'VALUE_NOT_OF_TYPE',
  'PICKLIST_VALUE_UNKNOWN',
  'FORMULA_FIELD_CANNOT_CHANGE',
  'GROUP_EMPTY',
  'CONDITIONS_TOO_LARGE',
  'CONDITIONS_TOO_DEEP',
  /** Update channels: conditions filter the Lead as cached when the status is entered. */
  'CHANGE_OPERATOR_NOT_FOR_UPDATE',
  // Update channels' writes (the error names the write by `write`):
  'FIELD_NOT_UPDATEABLE',
  'WRITE_SOURCE_NOT_FOR_FIELD',
  'FIELD_WRITTEN_TWICE',
]);
export type ChannelRuleErrorCode = z.infer<typeof channelRuleErrorCodeSchema>;

/** One problem in a channel's conditions, at react-querybuilder's path of the rule or group. */
export const channelRuleErrorSchema = z.object({
  path: z.array(z.number().int().nonnegative()),
  /** An Update channel's write this error is about (its index in `update.writes`; path is []). */
  write: z.number().int().nonnegative().optional(),
  code: channelRuleErrorCodeSchema,
  /** What is wrong and what to do, for the builder to show inline. */
  message: z.string(),
});
export type ChannelRuleError = z.infer<typeof channelRuleErrorSchema>;

// ---------------------------------------------------------------------------
// Channels: Import and Intercept channels of a meeting type (AUTOMATION.md, "Channels")

/** Import opens instances; Intercept closes them; Update writes Lead fields on a status. */
export const channelKindSchema = z.enum(['import', 'intercept', 'update']);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/**
 * What a matching channel does: Import initializes (and may activate); Intercept deactivates;
 * Update writes fields (through the outbox).
 */
export const channelActionSchema = z.enum([
  'initialize',
  'initialize_and_activate',
  'deactivate',
  'write_fields',
]);
export type ChannelAction = z.infer<typeof channelActionSchema>;

/** Which open instances an Intercept channel deactivates: of its own meeting type, or all. */
export const interceptScopeSchema = z.enum(['meeting_type', 'all']);
export type InterceptScope = z.infer<typeof interceptScopeSchema>;

/**
 * Where an Update channel's value comes from: a fixed value (typed by the field's describe;
 * null clears it), a fact of the instance, or `host_user` — the active Salesforce User whose
 * email is the host's (for `OwnerId` and other User references), looked up when sending.
 */
export const fieldWriteSourceSchema = z.enum([
  'fixed',
  'meeting_start',
  'meeting_end',
  'meeting_url',
  'host_email',
  'instance_status',
  'host_user',
]);
export type FieldWriteSource = z.infer<typeof fieldWriteSourceSchema>;

export const fieldWriteSchema = z
  .object({
    /** A Lead field's API name; it must be updateable. */
    field: z.string().trim().min(1).max(80),
    source: fieldWriteSourceSchema,
    /** For `fixed` only (null clears the field). */
    value: conditionScalarSchema.nullable().optional(),
  })
  .strict();
export type FieldWrite = z.infer<typeof fieldWriteSchema>;

/** An Update channel: on entering any of `statuses`, write `writes` to the instance's Lead. */
export const updateSpecSchema = z
  .object({
    statuses: z
      .array(instanceStatusSchema)
      .min(1, 'choose the status that fires it')
      .max(instanceStatuses.length),
    writes: z.array(fieldWriteSchema).min(1, 'add a field to write').max(50),
  })
  .strict();
export type UpdateSpec = z.infer<typeof updateSpecSchema>;

const channelFieldsSchema = z.object({
  meetingTypeId: z.number().int().positive(),
  name: z.string().trim().min(1, 'a channel needs a name').max(120),
  kind: channelKindSchema,
  action: channelActionSchema,
  interceptScope: interceptScopeSchema.default('meeting_type'),
  /**
   * Import/Intercept: when the channel fires. Update: a filter on the Lead as cached when the
   * status is entered (no change operators); an empty group means every Lead.
   */
  rules: channelRulesSchema,
  /** Update channels only (required there). */
  update: updateSpecSchema.optional(),
});

const actionFitsKind = (draft: {
  kind: ChannelKind;
  action: ChannelAction;
  update?: UpdateSpec | undefined;
}) => {
  if (draft.kind === 'update') return draft.action === 'write_fields' && draft.update !== undefined;
  if (draft.update !== undefined || draft.action === 'write_fields') return false;
  return draft.kind === 'import' ? draft.action !== 'deactivate' : draft.action === 'deactivate';
};
const actionFitsKindMessage = {
  message:
    'An Import channel initializes (or initializes and activates); an Intercept channel deactivates; an Update channel writes fields, and only it has writes.',
  path: ['action'],
};

/** A channel as the editor sends it, for validation, preview and save. */
export const channelDraftSchema = channelFieldsSchema
  .strict()
  .refine(actionFitsKind, actionFitsKindMessage);
export type ChannelDraft = z.output<typeof channelDraftSchema>;

/** A field as the rule builder offers it: API name and label, type, and what fits it. */
export const conditionFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** Salesforce's describe type (`picklist`, `double`, `datetime`, …). */
  type: z.string(),
  calculated: z.boolean(),
  picklistValues: z.array(z.object({ value: z.string(), label: z.string(), active: z.boolean() })),
  /** The operators valid for this field (none: the field cannot be used in conditions). */
  operators: z.array(conditionOperatorSchema),
  /** Update channels may write it (describe's `updateable`). */
  updateable: z.boolean(),
  nillable: z.boolean(),
  /** For reference fields: the objects it points to (`OwnerId`: User, Group). */
  referenceTo: z.array(z.string()),
  /** The sources an Update channel may write it from (empty when it is not updateable). */
  writeSources: z.array(fieldWriteSourceSchema),
});
export type ConditionFieldInfo = z.infer<typeof conditionFieldSchema>;

export const channelSchema = z.object({
  id: z.number().int().positive(),
  meetingTypeId: z.number().int().positive(),
  meetingTypeName: z.string(),
  name: z.string(),
  kind: channelKindSchema,
  action: channelActionSchema,
  interceptScope: interceptScopeSchema,
  rules: channelRulesSchema,
  update: updateSpecSchema.nullable(),
  enabled: z.boolean(),
  /** Bumped on every save: decisions name the version that made them. */
  version: z.number().int().positive(),
  /** Why Leadbridge disabled it (a field renamed or removed in Salesforce), until it is fixed. */
  disabledReason: z.string().nullable(),
  /** Problems against the current describe (empty when the channel is valid). */
  errors: z.array(channelRuleErrorSchema),
  fireCount: z.number().int().nonnegative(),
  lastFiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

/** One channel's decision on one timing event, kept with the event. */
export const channelDecisionSchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  channelId: z.number().int().positive(),
  channelName: z.string(),
  channelVersion: z.number().int().positive(),
  /** The timing event (lead_changes id) it was made on. */
  changeId: z.number().int().positive(),
  leadId: z.string(),
  /** The conditions held after the change. */
  matched: z.boolean(),
  /** The channel fired (matched, and by its trigger: became true, or every time). */
  fired: z.boolean(),
  /** What happened to instances. */
  effect: z.enum([
    'none',
    'initialized',
    'activated',
    'deactivated',
    'already_open',
    'nothing_open',
  ]),
  instanceId: z.number().int().positive().nullable(),
  /** A sentence saying why (matched or not, and what it did). */
  reason: z.string(),
  /** Made again from the timeline (Replay). */
  replay: z.boolean(),
});
export type ChannelDecision = z.infer<typeof channelDecisionSchema>;

export const channelPreviewSchema = z.object({
  cachedLeads: z.number().int().nonnegative(),
  /** Cached Leads whose current values satisfy the conditions (change operators: false). */
  matchingNow: z.number().int().nonnegative(),
  /** Timing events of the last 7 days that would have fired it. */
  wouldHaveFired: z.number().int().nonnegative(),
  eventsScanned: z.number().int().nonnegative(),
  examples: z.array(
    z.object({
      leadId: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      /** When the event was detected; null for a "matches now" example. */
      at: z.string().nullable(),
      summary: z.string(),
    }),
  ),
  errors: z.array(channelRuleErrorSchema),
});
export type ChannelPreview = z.infer<typeof channelPreviewSchema>;

export const channelsChangedSchema = z.object({ channelIds: z.array(z.number().int().positive()) });

// ---------------------------------------------------------------------------
// Write-back: the outbox of everything Leadbridge writes to Salesforce (AUTOMATION.md "Write-back")

export const outboxKindSchema = z.enum([
  'lead_update',
  'task_create',
  'event_create',
  /** A booking posted to a Lead or Contact (found by email, created or updated). */
  'booking_post',
  /** An instance event POSTed to the meeting platform's URL (not Salesforce). */
  'instance_event',
]);
export type OutboxKind = z.infer<typeof outboxKindSchema>;

/**
 * `pending`: waiting to be sent (or to be retried, at `nextAttemptAt`). `sent`: Salesforce took
 * it. `conflict`: a person changed a target field in Salesforce after Leadbridge decided, so
 * that field was not written (the others were). `failed`: Salesforce refused it for good
 * (Retry sends it again). `skipped`: nothing to write any more (the Lead was converted or
 * deleted). `discarded`: an admin dropped it.
 */
export const outboxStateSchema = z.enum([
  'pending',
  'sent',
  'conflict',
  'failed',
  'skipped',
  'discarded',
]);
export type OutboxState = z.infer<typeof outboxStateSchema>;

/** A field Leadbridge did not write because a person changed it after the decision. */
export const outboxConflictSchema = z.object({
  field: z.string(),
  /** What Leadbridge decided to write. */
  ours: z.unknown(),
  /** What the Lead held when Leadbridge decided. */
  basis: z.unknown(),
  /** What Salesforce held when Leadbridge was about to write: a person's newer edit. */
  theirs: z.unknown(),
});
export type OutboxConflict = z.infer<typeof outboxConflictSchema>;

export const outboxItemSchema = z.object({
  id: z.number().int().positive(),
  kind: outboxKindSchema,
  state: outboxStateSchema,
  /**
   * The record it is about (a Lead updated, the `WhoId` of a Task or Event, the instance's
   * record of an instance event); null for a booking post until its record is found.
   */
  leadId: z.string().nullable(),
  /** The booking a `booking_post` item posts. */
  bookingId: z.number().int().positive().nullable(),
  /** The Lead's name from the cache, when cached. */
  leadName: z.string().nullable(),
  /** The fields to write; a `host_user` write shows as `{ hostEmail }` until it is resolved. */
  values: z.record(z.string(), z.unknown()),
  cause: changeCauseSchema,
  instanceId: z.number().int().positive().nullable(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The Id Salesforce gave a created Task or Event. */
  resultId: z.string().nullable(),
  /** The last error: Salesforce's code, its message and what to do. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  conflicts: z.array(outboxConflictSchema),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxCountsSchema = z.object(
  Object.fromEntries(outboxStateSchema.options.map((state) => [state, z.number().int()])) as {
    [S in OutboxState]: z.ZodNumber;
  },
);
export type OutboxCounts = z.infer<typeof outboxCountsSchema>;

/** The write-back worker as the tray, the Sync screen and the Outbox view show it. */
export const outboxStatusSchema = z.object({
  counts: outboxCountsSchema,
  /** Sending now. */
  draining: z.boolean(),
  /** Why nothing is being sent although items are due (paused, over budget, not connected). */
  heldBy: z.enum(['paused', 'api-budget', 'disconnected']).nullable(),
  /** A sentence for the tray tooltip and the Sync screen. */
  message: z.string(),
  lastSentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** What Retry does for one error reason, through the methods the other screens use. */
export const healthRetrySchema = z.object({
  /** The sync is failing with it now (its latest failure, not succeeded since): `sync:now`. */
  syncNow: z.boolean(),
  /** Outbox items it stopped (`outbox:retry`), at most 500. */
  outboxItemIds: z.array(z.number().int().positive()),
  /** Bookings whose post it stopped (`bookings:retry`), at most 500. */
  bookingIds: z.array(z.number().int().positive()),
});
export type HealthRetry = z.infer<typeof healthRetrySchema>;

/** The log's errors of one code (one reason) in the window. */
export const healthErrorGroupSchema = z.object({
  code: z.string(),
  count: z.number().int().positive(),
  /** Where it happened: the log kinds of its entries (`sync.failed`, `writeback.failed`…). */
  kinds: z.array(z.string()),
  /** The newest entry: its message says what happened and what to do. */
  newest: logEntrySchema,
  /** Null when nothing waits for a person's Retry (Leadbridge retries by itself, or cannot). */
  retry: healthRetrySchema.nullable(),
});
export type HealthErrorGroup = z.infer<typeof healthErrorGroupSchema>;

/** The Sync health screen: usage, errors, the outbox backlog and the last reconciliation. */
export const healthReportSchema = z.object({
  at: z.string(),
  apiUsage: z.object({
    /** The org's usage of its daily allowance (Salesforce counts a rolling 24 hours), as last reported. */
    org: z
      .object({
        used: z.number().int(),
        max: z.number().int(),
        measuredAt: z.string(),
        /** Background sync stops at this share of the allowance (Settings). */
        capPercent: z.number(),
      })
      .nullable(),
    /** Calls Leadbridge made in the hours below. */
    leadbridgeCalls: z.number().int().nonnegative(),
    /** Leadbridge's calls of the org's figure (0–1); null while the org has reported none. */
    leadbridgeShare: z.number().min(0).max(1).nullable(),
    /** 24 whole hours, oldest first, ending with the current one. */
    hours: z.array(
      z.object({
        hour: z.string(),
        calls: z.number().int().nonnegative(),
        /** The org's usage as last reported in that hour (null: no answer reported one). */
        orgUsed: z.number().int().nullable(),
      }),
    ),
  }),
  errors: z.object({
    since: z.string(),
    /** Newest first. */
    groups: z.array(healthErrorGroupSchema),
  }),
  outbox: outboxStatusSchema,
  reconcile: z.object({
    last: reconcileReportSchema.nullable(),
    /** From then on, the next sync also reconciles (daily); null before the first. */
    dueAt: z.string().nullable(),
    running: z.boolean(),
  }),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

// ---------------------------------------------------------------------------
// The meeting platform (AUTOMATION.md "The meeting platform"): inbound webhooks, outbound
// instance events, and the receiver's settings and secrets.

/** Who sent an inbound event; `manual` is an admin's entry in the UI. */
export const platformSourceSchema = z.enum(['timerex', 'calendly', 'generic', 'manual']);
export type PlatformSource = z.infer<typeof platformSourceSchema>;

/** What happened, whichever platform reported it. */
export const platformEventKindSchema = z.enum([
  'booked',
  'rescheduled',
  'cancelled',
  'no_show',
  'completed',
  'invite_sent',
  'email_sent',
]);
export type PlatformEventKind = z.infer<typeof platformEventKindSchema>;

/** Every inbound event normalised to one shape (the raw body is kept in the store only). */
export const platformEventSchema = z.object({
  source: platformSourceSchema,
  kind: platformEventKindSchema,
  /** The platform's id of the booking (TimeRex event id, Calendly invitee URI, …). */
  externalId: z.string().min(1).max(500),
  occurredAt: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  timezone: z.string().nullable(),
  calendar: z.object({ id: z.string(), name: z.string() }).nullable(),
  hosts: z.array(z.object({ email: z.string(), name: z.string().nullable() })),
  guest: z.object({
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  answers: z.array(z.object({ label: z.string(), value: z.string() })),
  meetingUrl: z.string().nullable(),
  /**
   * A booking moved to a new time under a new id (Calendly's reschedule: the old invitee is
   * cancelled with `rescheduled: true`, the new one created with `old_invitee`): the old id.
   */
  rescheduledFrom: z.string().nullable(),
});
export type PlatformEvent = z.infer<typeof platformEventSchema>;

/** A received event as the Bookings and Settings screens list it. */
export const receivedEventSchema = z.object({
  id: z.number().int().positive(),
  receivedAt: z.string(),
  event: platformEventSchema,
  /** `pending`: stored, not applied yet; `applied`; `failed`: could not be applied (why). */
  state: z.enum(['pending', 'applied', 'failed']),
  /** What applying it did, in a sentence ("Instance booked", "Started an instance"). */
  outcome: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  meetingType: z.object({ id: z.number().int().positive(), name: z.string() }).nullable(),
  instanceId: z.number().int().positive().nullable(),
});
export type ReceivedEvent = z.infer<typeof receivedEventSchema>;

/** The secrets the receiver and the outbound events use; stored like the Salesforce tokens. */
export const platformSecretNameSchema = z.enum([
  'timerex_token',
  'calendly_signing_key',
  'generic_secret',
  'outbound_secret',
]);
export type PlatformSecretName = z.infer<typeof platformSecretNameSchema>;

/** A secret is never shown again in full: only whether it is set and its last 4 characters. */
export const secretHintSchema = z.object({ set: z.boolean(), hint: z.string().nullable() });

export const receiverSettingsSchema = z
  .object({
    /** Off by default: nothing listens until an admin turns it on. */
    enabled: z.boolean(),
    port: wholeNumberSchema('The webhook receiver port', receiverPortRange),
    /** 127.0.0.1 (behind a reverse proxy or tunnel on this machine) or an interface address. */
    bindAddress: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]),
  })
  .strict();
export type ReceiverSettings = z.infer<typeof receiverSettingsSchema>;

export const outboundSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Where instance events are POSTed (https, or http to a loopback address). */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
  })
  .strict();
export type OutboundSettings = z.infer<typeof outboundSettingsSchema>;

export const platformStatusSchema = z.object({
  receiver: receiverSettingsSchema.extend({
    listening: z.boolean(),
    /** `http://<bind>:<port>/hooks/` while listening. */
    baseUrl: z.string().nullable(),
    /** Why it is not listening although enabled (port taken, address not on this machine). */
    error: apiErrorSchema.nullable(),
  }),
  secrets: z.object({
    timerex_token: secretHintSchema,
    calendly_signing_key: secretHintSchema,
    generic_secret: secretHintSchema,
    outbound_secret: secretHintSchema,
  }),
  outbound: outboundSettingsSchema,
  received: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
    lastAt: z.string().nullable(),
  }),
});
export type PlatformStatus = z.infer<typeof platformStatusSchema>;

// ---------------------------------------------------------------------------
// Booking posting (AUTOMATION.md "Booking posting", TimeRex's model)

export const bookingObjectChoiceSchema = z.enum(['lead', 'contact', 'contact_else_lead']);
export type BookingObjectChoice = z.infer<typeof bookingObjectChoiceSchema>;

/** The booking's facts a mapping row may take its value from. */
export const bookingFieldSchema = z.enum([
  'guest_name',
  'guest_first_name',
  'guest_last_name',
  'guest_email',
  'guest_company',
  'guest_phone',
  /** The guest's free-text comment (the form answer labelled as a comment). */
  'comment',
  /** A form answer, by its question's label (`label` names it). */
  'answer',
  'calendar_name',
  'start',
  'end',
  'meeting_url',
  /** The active Salesforce User whose email is the booking's host (for `OwnerId`). */
  'host_user',
]);
export type BookingField = z.infer<typeof bookingFieldSchema>;

export const mappingSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('booking'),
      field: bookingFieldSchema,
      /** The question's label, for `answer` only. */
      label: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('fixed'), value: conditionScalarSchema.nullable() }).strict(),
]);
export type MappingSource = z.infer<typeof mappingSourceSchema>;

/**
 * One Salesforce field and where its value comes from. Written when creating if the field is
 * createable, when overwriting if it is updateable.
 */
export const fieldMappingSchema = z
  .object({ field: z.string().trim().min(1).max(80), source: mappingSourceSchema })
  .strict();
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const bookingSettingsSchema = z
  .object({
    /** The booking calendar these settings apply to; null: the default for every other one. */
    calendarId: z.string().trim().min(1).max(200).nullable(),
    objectToLink: bookingObjectChoiceSchema,
    /** When no record has the guest's email: create one (true) or do nothing. */
    createWhenMissing: z.boolean(),
    /** When one exists: overwrite the mapped fields (true) or leave it untouched. */
    overwriteWhenFound: z.boolean(),
    /** Register the meeting as a new Event on the record. */
    createEvent: z.boolean(),
    leadMapping: z.array(fieldMappingSchema).max(200),
    contactMapping: z.array(fieldMappingSchema).max(200),
  })
  .strict();
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

export const mappingErrorCodeSchema = z.enum([
  'FIELD_UNKNOWN',
  /** Neither createable nor updateable (formula, system field). */
  'FIELD_NOT_WRITABLE',
  'FIELD_MAPPED_TWICE',
  /** Required when creating (not nillable, createable, not defaulted) and not mapped. */
  'REQUIRED_FIELD_UNMAPPED',
  'VALUE_NOT_OF_TYPE',
  'VALUE_TOO_LONG',
  'PICKLIST_VALUE_UNKNOWN',
  /** A booking field that cannot go into this field (a date into a number, host_user into text). */
  'SOURCE_NOT_FOR_FIELD',
  'ANSWER_LABEL_MISSING',
  /** The object's describe is not known yet (not connected, or never synced). */
  'DESCRIBE_MISSING',
]);
export type MappingErrorCode = z.infer<typeof mappingErrorCodeSchema>;

export const mappingErrorSchema = z.object({
  object: z.enum(['Lead', 'Contact']),
  /** The row in `leadMapping` / `contactMapping`; null for the whole mapping (a required field). */
  index: z.number().int().nonnegative().nullable(),
  field: z.string().nullable(),
  code: mappingErrorCodeSchema,
  message: z.string(),
});
export type MappingError = z.infer<typeof mappingErrorSchema>;

/** A field as the Mapping screen lists it. */
export const mappingFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  /** Text length limit (null where the type has none). */
  length: z.number().int().nullable(),
  createable: z.boolean(),
  updateable: z.boolean(),
  /** Must be given when creating: not nillable, createable, not defaulted on create. */
  required: z.boolean(),
  calculated: z.boolean(),
  picklistValues: z.array(z.object({ value: z.string(), label: z.string(), active: z.boolean() })),
  referenceTo: z.array(z.string()),
  /** The booking fields that fit it (empty when it cannot be mapped). */
  bookingFields: z.array(bookingFieldSchema),
  /** Channels whose conditions or writes use it (Lead fields only). */
  usedByChannels: z.array(z.object({ id: z.number().int().positive(), name: z.string() })),
});
export type MappingField = z.infer<typeof mappingFieldSchema>;

export const bookingOutcomeSchema = z.enum([
  'pending',
  'created',
  'updated',
  'untouched',
  /** No record had the email and the settings say not to create one. */
  'not_created',
  'failed',
]);
export type BookingOutcome = z.infer<typeof bookingOutcomeSchema>;

export const bookingSummarySchema = z.object({
  id: z.number().int().positive(),
  source: platformSourceSchema,
  externalId: z.string(),
  calendar: z.object({ id: z.string(), name: z.string() }).nullable(),
  meetingType: z.object({ id: z.number().int().positive(), name: z.string() }).nullable(),
  guest: z.object({
    email: z.string(),
    name: z.string().nullable(),
    company: z.string().nullable(),
  }),
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The booking's own state on the platform. */
  status: z.enum(['booked', 'rescheduled', 'cancelled', 'no_show', 'completed']),
  outcome: bookingOutcomeSchema,
  /** The Lead or Contact it was posted to; `name` is the cached Lead's, when Leadbridge has it. */
  record: z
    .object({
      kind: z.enum(['lead', 'contact']),
      id: z.string(),
      name: z.string().nullable().optional(),
    })
    .nullable(),
  /** The Event's outbox state, when the settings create one. */
  event: z.object({ state: outboxStateSchema, id: z.string().nullable() }).nullable(),
  /** Why it failed, in the admin's words, with what to change. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  instanceId: z.number().int().positive().nullable(),
  receivedAt: z.string(),
  postedAt: z.string().nullable(),
});
export type BookingSummary = z.infer<typeof bookingSummarySchema>;

/** What posting a booking would write, without writing (the Mapping screen's test). */
export const bookingPreviewSchema = z.object({
  sample: platformEventSchema,
  create: z
    .object({ object: z.enum(['Lead', 'Contact']), values: z.record(z.string(), z.unknown()) })
    .nullable(),
  overwrite: z
    .object({ object: z.enum(['Lead', 'Contact']), values: z.record(z.string(), z.unknown()) })
    .nullable(),
  event: z.record(z.string(), z.unknown()).nullable(),
  errors: z.array(mappingErrorSchema),
});
export type BookingPreview = z.infer<typeof bookingPreviewSchema>;

export const bookingsChangedSchema = z.object({ bookingIds: z.array(z.number().int().positive()) });

const noInput = z.object({}).strict().default({});

// ---------------------------------------------------------------------------
// Methods: `domain:verb` → input schema + output schema

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const methods = {
  'app:info': method(noInput, appInfoSchema),
  /** Opens the diagnostic log's folder in the file manager (the desktop app only). */
  'app:open-logs-folder': method(noInput, z.object({ folder: z.string() })),
  'log:list': method(
    z
      .object({
        /** Id cursor: entries with a smaller id than this (older). */
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        kinds: z.array(logKindSchema).max(50).optional(),
        /** A Lead Id, or part of a name or email in the entry. */
        search: z.string().max(200).optional(),
      })
      .strict()
      .default({ limit: 200 }),
    logPageSchema,
  ),
  /**
   * Which of these entries the kinds and search match, by the rule `log:list` pages by: the
   * renderer asks for a live entry whose own text does not match, since the host also finds a
   * Lead's entries by the Lead's cached name or email.
   */
  'log:matching': method(
    z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(1000),
        kinds: z.array(logKindSchema).max(50).optional(),
        search: z.string().max(200).optional(),
      })
      .strict(),
    z.object({ ids: z.array(z.number().int()) }),
  ),
  /** The kinds the log holds (sorted), for its kind filter: it offers only what can match. */
  'log:kinds': method(noInput, z.object({ kinds: z.array(logKindSchema) })),
  'sync:status': method(noInput, syncStatusSchema),
  /** The tray's "Sync now" / "Pause sync" / "Resume sync" call these too. */
  'sync:now': method(noInput, syncStatusSchema),
  'sync:pause': method(noInput, syncStatusSchema),
  'sync:resume': method(noInput, syncStatusSchema),
  /**
   * "Reconcile now": a sync, then a comparison of every Lead Id and SystemModstamp with the
   * org (also run daily); the result arrives as `lastReconcile` in the status.
   */
  'sync:reconcile': method(noInput, syncStatusSchema),
  'leads:search': method(
    z
      .object({
        /** Part of a name, email or company, or a Lead Id. */
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ query: '', limit: 100, offset: 0 }),
    z.object({ leads: z.array(leadSummarySchema), total: z.number().int() }),
  ),
  'leads:timeline': method(
    z.object({ leadId: z.string().regex(/^[a-zA-Z0-9]{15,18}$/, 'a Salesforce Id') }).strict(),
    z.object({
      lead: leadSummarySchema.extend({ fields: z.record(z.string(), z.unknown()) }),
      changes: z.array(leadChangeSchema),
    }),
  ),
  /** Timing events per hour over the last 24 hours, for the chart. */
  'leads:changes-per-hour': method(
    noInput,
    z.array(z.object({ hour: z.string(), count: z.number().int() })),
  ),
  /** The log (optionally filtered by kind) as CSV text, oldest first. */
  'log:export': method(
    z
      .object({
        kinds: z.array(logKindSchema).max(50).optional(),
        search: z.string().max(200).optional(),
        /** The reader's IANA time zone: the CSV's times are theirs (UTC without one). */
        timeZone: timeZoneSchema.optional(),
      })
      .strict()
      .default({}),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  ),
  'meeting-types:list': method(
    z
      .object({ includeArchived: z.boolean().default(false) })
      .strict()
      .default({ includeArchived: false }),
    z.object({ meetingTypes: z.array(meetingTypeSchema) }),
  ),
  'meeting-types:create': method(newMeetingTypeSchema, meetingTypeSchema),
  /** Changes only the fields given. */
  'meeting-types:update': method(
    meetingTypeChangesSchema.extend({ id: entityId }).strict(),
    meetingTypeSchema,
  ),
  /**
   * Archives a meeting type: no new instances start, and its open instances that are not
   * booked yet are deactivated (booked meetings still run to their end). `deactivated` counts them.
   */
  'meeting-types:archive': method(
    z.object({ id: entityId }).strict(),
    z.object({ meetingType: meetingTypeSchema, deactivated: z.number().int().nonnegative() }),
  ),
  /** Instances, the most recently changed first. */
  'instances:search': method(
    z
      .object({
        statuses: z.array(instanceStatusSchema).max(instanceStatuses.length).optional(),
        meetingTypeId: entityId.optional(),
        /** A Lead Id, or part of the Lead's name or email. */
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ query: '', limit: 100, offset: 0 }),
    z.object({ instances: z.array(instanceSummarySchema), total: z.number().int() }),
  ),
  /** One instance and every status it entered, newest first. */
  'instances:history': method(
    z.object({ instanceId: entityId }).strict(),
    z.object({ instance: instanceSummarySchema, history: z.array(instanceHistoryEntrySchema) }),
  ),
  /**
   * An admin's status change, with the reason recorded in the history. Activating a closed
   * instance starts a new one (`created: true`); `instance` is the one that now holds the status.
   */
  'instances:set-status': method(
    z
      .object({
        instanceId: entityId,
        status: adminInstanceStatusSchema,
        reason: z.string().trim().min(1, 'say why (it is kept in the history)').max(500),
        /** Required with `booked`, refused with anything else. */
        booking: bookingFactsSchema.optional(),
      })
      .strict()
      .refine((input) => (input.status === 'booked') === (input.booking !== undefined), {
        message: 'a booking needs its start, end and host; only a booking takes them',
        path: ['booking'],
      }),
    z.object({ instance: instanceSummarySchema, created: z.boolean() }),
  ),
  /**
   * Records an invite or email attempt on an open instance (until the meeting platform reports
   * them): the first invite moves an activated instance to `invited`; with the meeting type's
   * Task logging on, a Task is queued for the Lead (`outboxItemId`).
   */
  'instances:record-attempt': method(
    z
      .object({
        instanceId: entityId,
        kind: attemptKindSchema,
        /** What was sent, for the Task's subject; a default names the meeting type. */
        subject: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    z.object({ instance: instanceSummarySchema, outboxItemId: entityId.nullable() }),
  ),
  'channels:list': method(noInput, z.object({ channels: z.array(channelSchema) })),
  /** Lead's fields for the rule builder, from the cached describe (empty before the first sync). */
  'channels:fields': method(noInput, z.object({ fields: z.array(conditionFieldSchema) })),
  /** Checks a draft against the cached describe: an error per rule, for the builder to show. */
  'channels:validate': method(
    channelDraftSchema,
    z.object({ errors: z.array(channelRuleErrorSchema) }),
  ),
  'channels:preview': method(channelDraftSchema, channelPreviewSchema),
  /** Saves a new channel, disabled; refused (CHANNEL_INVALID) while its rules have errors. */
  'channels:create': method(channelDraftSchema, channelSchema),
  /** Saves a new version; an enabled channel stays enabled only if the new rules are valid. */
  'channels:update': method(
    z.object({ channelId: entityId, draft: channelDraftSchema }).strict(),
    channelSchema,
  ),
  'channels:set-enabled': method(
    z.object({ channelId: entityId, enabled: z.boolean() }).strict(),
    channelSchema,
  ),
  'channels:delete': method(
    z.object({ channelId: entityId }).strict(),
    z.object({ deleted: z.literal(true) }),
  ),
  /** The channels' decisions on one Lead's timing events, newest first. */
  'channels:decisions': method(
    z
      .object({
        leadId: z.string().trim().min(15).max(18),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ decisions: z.array(channelDecisionSchema) }),
  ),
  /** Runs the enabled channels again on one timing event (idempotent: no second open instance). */
  'channels:replay': method(
    z.object({ changeId: entityId }).strict(),
    z.object({ decisions: z.array(channelDecisionSchema) }),
  ),
  /** The Sync health screen in one answer; errors of the last 7 days, usage of the last 24 hours. */
  'health:get': method(noInput, healthReportSchema),
  'outbox:status': method(noInput, outboxStatusSchema),
  /** Outbox items, newest first; `reasons` counts failed, conflict and skipped items by code. */
  'outbox:list': method(
    z
      .object({
        states: z.array(outboxStateSchema).max(outboxStateSchema.options.length).optional(),
        leadId: z.string().trim().min(15).max(18).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ limit: 100, offset: 0 }),
    z.object({
      items: z.array(outboxItemSchema),
      total: z.number().int(),
      counts: outboxCountsSchema,
      reasons: z.array(
        z.object({ code: z.string(), state: outboxStateSchema, count: z.number().int() }),
      ),
    }),
  ),
  /** Sends failed or conflict items again (a conflict is decided again against the Lead now). */
  'outbox:retry': method(
    z.object({ itemIds: z.array(entityId).min(1).max(500) }).strict(),
    z.object({ retried: z.number().int() }),
  ),
  /** Drops pending, failed or conflict items: they are never sent. */
  'outbox:discard': method(
    z.object({ itemIds: z.array(entityId).min(1).max(500) }).strict(),
    z.object({ discarded: z.number().int() }),
  ),
  /** The webhook receiver, the secrets (hints only) and the outbound instance events. */
  'platform:status': method(noInput, platformStatusSchema),
  /** Changes the receiver (it listens, moves or stops at once) and/or the outbound events. */
  'platform:update': method(
    z
      .object({
        receiver: receiverSettingsSchema.optional(),
        outbound: outboundSettingsSchema.optional(),
      })
      .strict(),
    platformStatusSchema,
  ),
  /**
   * Stores a secret. Without `value` Leadbridge generates one (generic and outbound secrets) and
   * answers it once in `generated`; it is never shown in full again.
   */
  'platform:set-secret': method(
    z
      .object({
        name: platformSecretNameSchema,
        value: z.string().trim().min(8, 'a secret has at least 8 characters').max(500).optional(),
      })
      .strict(),
    z.object({ status: platformStatusSchema, generated: z.string().nullable() }),
  ),
  /** Received events, newest first. */
  'platform:events': method(
    z
      .object({
        states: z
          .array(z.enum(['pending', 'applied', 'failed']))
          .max(3)
          .optional(),
        /** Part of the guest's email or the platform's id. */
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ query: '', limit: 100, offset: 0 }),
    z.object({ events: z.array(receivedEventSchema), total: z.number().int() }),
  ),
  /** Bookings, the most recently received first, with their outcome. */
  'bookings:list': method(
    z
      .object({
        outcomes: z.array(bookingOutcomeSchema).max(bookingOutcomeSchema.options.length).optional(),
        /** Part of the guest's email, name or company, or a record Id. */
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ query: '', limit: 100, offset: 0 }),
    z.object({
      bookings: z.array(bookingSummarySchema),
      total: z.number().int(),
      counts: z.object(
        Object.fromEntries(bookingOutcomeSchema.options.map((o) => [o, z.number().int()])) as {
          [O in BookingOutcome]: z.ZodNumber;
        },
      ),
    }),
  ),
  /** Posts failed bookings again, with the settings as they are now. */
  'bookings:retry': method(
    z.object({ bookingIds: z.array(entityId).min(1).max(500) }).strict(),
    z.object({ retried: z.number().int() }),
  ),
  /** The saved settings (the default first, when saved) and the calendars known to Leadbridge. */
  'booking-settings:list': method(
    noInput,
    z.object({
      settings: z.array(bookingSettingsSchema),
      /** From meeting types' calendars and received bookings. */
      calendars: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          meetingType: z.object({ id: z.number().int().positive(), name: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  'booking-settings:validate': method(
    bookingSettingsSchema,
    z.object({ errors: z.array(mappingErrorSchema) }),
  ),
  /** Saves one calendar's settings (or the default); refused (MAPPING_INVALID) while invalid. */
  'booking-settings:save': method(bookingSettingsSchema, bookingSettingsSchema),
  'booking-settings:delete': method(
    z.object({ calendarId: z.string().trim().min(1).max(200) }).strict(),
    z.object({ deleted: z.literal(true) }),
  ),
  /** What a sample booking (or the given one) would write with these settings; writes nothing. */
  'booking-settings:preview': method(
    z.object({ settings: bookingSettingsSchema, sample: platformEventSchema.optional() }).strict(),
    bookingPreviewSchema,
  ),
  /** Every field of Lead or Contact for the Mapping screen, from the cached describe. */
  'mapping:fields': method(
    z.object({ object: z.enum(['Lead', 'Contact']) }).strict(),
    z.object({ fields: z.array(mappingFieldSchema), describedAt: z.string().nullable() }),
  ),
  'settings:get': method(noInput, userSettingsSchema),
  'settings:update': method(userSettingsSchema.partial().strict(), userSettingsSchema),
  'connection:status': method(noInput, connectionStatusSchema),
  /**
   * Starts a sign-in. The answer says who opens the authorize page: the system browser
   * (Electron, already opened) or the renderer (headless host: a new tab).
   */
  'connection:connect': method(
    z
      .object({
        org: orgKindSchema,
        /** Required for `my-domain`: https and a Salesforce My Domain host. */
        myDomain: z.string().max(255).optional(),
      })
      .strict(),
    z.object({ authorizeUrl: z.string(), openIn: z.enum(['system-browser', 'new-tab']) }),
  ),
  'connection:cancel': method(noInput, connectionStatusSchema),
  'connection:disconnect': method(
    z.object({ deleteCache: z.boolean() }).strict(),
    connectionStatusSchema,
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller may pass (defaults still optional). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];

// ---------------------------------------------------------------------------
// Notifications: the few things an admin must hear about even with another screen open

export const notificationKindSchema = z.enum([
  'reconnect-needed',
  'channel-disabled',
  'writeback-failures',
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/**
 * Raised once per occurrence (the core decides when): the desktop app shows it as a system
 * notification, the window as an in-app one; `route` is the screen that says what to do.
 */
export const appNotificationSchema = z.object({
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string(),
  route: z.enum(['connection', 'channels', 'outbox']),
});
export type AppNotification = z.infer<typeof appNotificationSchema>;

// ---------------------------------------------------------------------------
// Events: name → payload schema

export const events = {
  'log:appended': logEntrySchema,
  'sync:status': syncStatusSchema,
  'connection:changed': connectionStatusSchema,
  'instances:changed': instancesChangedSchema,
  'channels:changed': channelsChangedSchema,
  'outbox:changed': outboxStatusSchema,
  'platform:changed': platformStatusSchema,
  'bookings:changed': bookingsChangedSchema,
  'notification:raised': appNotificationSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

/** One message on the event stream, whichever transport carries it. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

// ---------------------------------------------------------------------------
// Results: both transports answer with the same envelope, so errors keep their code.

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------
// The bridge that the Electron preload exposes as `window.leadbridge`:
// `app:info` → `appInfo(input)`, event `log:appended` → `onLogAppended(cb) → unsubscribe`.

type CamelJoin<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<CamelJoin<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelJoin<Tail>>}`
    : S;

export type BridgeMethodName<M extends MethodName> = CamelJoin<M>;
export type BridgeEventName<E extends EventName> = `on${Capitalize<CamelJoin<E>>}`;

export type LeadbridgeBridge = {
  [M in MethodName as BridgeMethodName<M>]: (
    input?: MethodInput<M>,
  ) => Promise<ApiResult<MethodOutput<M>>>;
} & {
  [E in EventName as BridgeEventName<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

/** IPC channel that carries an event to the renderer; distinct from methods of the same name. */
export function eventChannel(name: EventName): string {
  return `event:${name}`;
}
