// The demo org: a Salesforce org emulator on a loopback port (see README.md in this folder).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { LATEST_VERSION } from './api-context';
import type { OrgServices } from './api-context';
import { ApiUsage } from './api-usage';
import { leadEmailRule, type DuplicateRules } from './duplicate-rules';
import { FaultInjector } from './faults';
import { MAX_REQUEST_HEAD_BYTES } from './http-util';
import { withFormulas } from './formulas';
import type { FaultKind } from './faults';
import { LeadOperations, type ConvertOptions, type ConvertResult } from './lead-operations';
import { OAuthEndpoints } from './oauth';
import { OrgState } from './org-state';
import type { OrgSettings } from './org-state';
import { seededRandom } from './prng';
import { normaliseId, normaliseOrgId } from './salesforce-id';
import { CursorStore } from './query-results';
import { BulkQueryJobs } from './bulk-query';
import { RecentlyViewed } from './recent-items';
import { RecordRules, type Checked } from './records';
import { RequestLog } from './request-log';
import type { LoggedRequest } from './request-log';
import type { SfRecord } from './schema-types';
import { seedContacts } from './seed-contacts';
import { seedLeads } from './seed-leads';
import { createOrgServer } from './server';
import { SessionStore } from './sessions';
import { StreamingEndpoint } from './streaming';
import { tallyWrites, type WriteTally } from './write-tally';

export { DEFAULT_ORG_ID, normaliseOrgId } from './salesforce-id';
export type { LoggedRequest, WriteOutcomes } from './request-log';
export type { WriteCounts, WriteTally } from './write-tally';
export type { FaultKind } from './faults';
export type { DuplicateRule, DuplicateRules } from './duplicate-rules';

export interface DemoOrgOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Leads to seed when the org starts empty (default 0). */
  leads?: number;
  /**
   * Contacts to seed beside them, at Accounts of their companies; the first shares its name and
   * email with the first Lead. Default 4 when Leads are seeded, else 0.
   */
  contacts?: number;
  seed?: string | number;
  /**
   * The org's id (15 or 18 chars, key prefix 00D): another id makes another org, whose
   * user and record ids are its own too. Default: the demo org's fixed id, or the id in dataFile.
   */
  orgId?: string;
  /** JSON file the org's data is loaded from (when it exists) and saved to. */
  dataFile?: string;
  /** Default 7200 (Salesforce's default session timeout of two hours). */
  accessTokenLifetimeSeconds?: number;
  rotateRefreshTokens?: boolean;
  /** Default 100,000. */
  dailyApiLimit?: number;
  /** Shorthand for `duplicateRules: {Lead: {action: 'block'}}` (Leads matched against Leads). */
  duplicateRuleOnEmail?: boolean;
  /** Duplicate rules by email per object (see duplicate-rules.ts); none by default. */
  duplicateRules?: DuplicateRules;
  /** Default true; false signs in a user without "View Setup and Configuration" (no /limits). */
  demoUserViewsSetup?: boolean;
  /** How long a Bulk API 2.0 query job runs before its result is ready (default 0). */
  bulkQueryRunMs?: number;
  /** Injectable clock (epoch ms) for tests. */
  now?: () => number;
}

export interface IssuedSession {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id: string;
  issued_at: string;
  signature: string;
  scope: string;
  token_type: string;
}

export interface DemoOrgHandle {
  /** http://127.0.0.1:<port> — the org's instance URL. */
  url: string;
  port: number;
  /** The org's 18-char id, as userinfo and the identity URL name it. */
  orgId: string;
  /** The id of the user every session acts as. */
  demoUserId: string;
  close(): Promise<void>;
  /** A fresh session for the demo user, as the token endpoint would issue it. */
  issueSession(options?: { refreshToken?: boolean }): IssuedSession;
  seedLeads(count: number, seed?: string | number): string[];
  /** Edits a record as a Salesforce user would (stamps it and emits a CDC event). */
  updateRecord(object: string, id: string, values: SfRecord): string[];
  deleteRecord(object: string, id: string): void;
  /** A record as the API reads it now (formula fields computed). */
  getRecord(object: string, id: string): SfRecord | undefined;
  /** Converts a Lead as a user would (Account, Contact, Opportunity, the Lead read-only after). */
  convertLead(id: string, options?: ConvertOptions): ConvertResult;
  /** Merges one or two Leads into `masterId`; the losers are deleted with MasterRecordId set. */
  mergeLeads(masterId: string, mergedIds: string[], fields?: SfRecord): void;
  /** Shares a record with the API user, or takes it away (no stamp moves, as in Salesforce). */
  setVisible(id: string, visible: boolean): void;
  /** Empties the Recycle Bin (of the given ids, or all): the records are gone for good. */
  emptyRecycleBin(ids?: string[]): number;
  /** Ends every live access token now, as a session timeout would. */
  expireSessions(): number;
  /** Forgets every Bulk API 2.0 query job, as their results expiring after 7 days would. */
  expireBulkJobs(): number;
  /** Fails every Bulk query job still queued or running, as a real org fails one (admin API). */
  failBulkJobs(errorMessage?: string): number;
  injectFault(
    kind: FaultKind,
    options?: { times?: number; ratio?: number; ms?: number; match?: string; recordIds?: string[] },
  ): void;
  clearFaults(): void;
  requests(): LoggedRequest[];
  /** The logged calls' record writes counted per object and per record (since clearRequests). */
  writes(): WriteTally;
  clearRequests(): void;
  settings: OrgSettings;
  /** Writes the org's data to dataFile now (false when no dataFile was given). */
  save(): Promise<boolean>;
}

export async function startDemoOrg(options: DemoOrgOptions = {}): Promise<DemoOrgHandle> {
  const now = options.now ?? Date.now;
  const settings: OrgSettings = {
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 7200,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    dailyApiLimit: options.dailyApiLimit ?? 100_000,
    duplicateRules:
      options.duplicateRules ?? (options.duplicateRuleOnEmail === true ? leadEmailRule() : {}),
    maxRequestHeadBytes: MAX_REQUEST_HEAD_BYTES,
    demoUserViewsSetup: options.demoUserViewsSetup ?? true,
    bulkQueryRunMs: options.bulkQueryRunMs ?? 0,
    maxQueryBatch: 2_000,
  };
  const dataFile = options.dataFile;
  const saved = dataFile ? await readDataFile(dataFile) : undefined;
  const state = new OrgState(settings, now, chooseOrgId(options.orgId, saved));
  if (saved !== undefined) state.load(saved);
  const loaded = saved !== undefined;
  if (!loaded) {
    const seed = options.seed ?? 'leadbridge';
    const leads = options.leads ?? 0;
    if (leads > 0) seedLeads(state, leads, seed);
    seedContacts(state, options.contacts ?? (leads > 0 ? 4 : 0), seed);
  }

  let baseUrl = 'http://127.0.0.1';
  const sessions = new SessionStore(state.orgId, settings, now);
  const rules = new RecordRules(state);
  const services: OrgServices = {
    state,
    rules,
    leads: new LeadOperations(state, rules),
    cursors: new CursorStore(now),
    bulkQueries: new BulkQueryJobs(state),
    recent: new RecentlyViewed(state),
    usage: new ApiUsage(settings, now),
    faults: new FaultInjector(seededRandom(options.seed ?? 'faults')),
  };
  const oauth = new OAuthEndpoints(state, sessions, () => baseUrl);
  const streaming = new StreamingEndpoint(state, sessions, LATEST_VERSION);
  const requests = new RequestLog();

  // A freshly seeded org has never been written: make the first autosave/close write it.
  let savedRevision = loaded ? state.revision : -1;
  const save = async (): Promise<boolean> => {
    if (!dataFile) return false;
    savedRevision = state.revision;
    await writeAtomically(dataFile, JSON.stringify(state.toJSON()));
    return true;
  };
  // Autosave keeps the file current for someone who kills the standalone org without SIGINT.
  const autosave = dataFile
    ? setInterval(() => {
        if (state.revision !== savedRevision) void save().catch(() => undefined);
      }, 2000)
    : null;
  autosave?.unref();

  const server = createOrgServer({ services, sessions, oauth, requests, streaming, save });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (autosave) clearInterval(autosave);
      streaming.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (dataFile && state.revision !== savedRevision) await save();
    })();
    return closing;
  };

  const schemaOf = (object: string) => {
    const schema = state.schema(object);
    if (!schema) throw new Error(`unknown object ${object}`);
    return schema;
  };

  return {
    url: baseUrl,
    port,
    orgId: state.orgId,
    demoUserId: state.demoUserId,
    close,
    issueSession: (opts = {}) => {
      const refresh = opts.refreshToken
        ? sessions.issueRefresh(state.demoUserId, 'api refresh_token id web')
        : null;
      const access = sessions.issueAccess(
        state.demoUserId,
        'api refresh_token id web',
        refresh?.familyId ?? null,
      );
      return oauth.tokenResponse(access, refresh?.token ?? null) as unknown as IssuedSession;
    },
    seedLeads: (count, seed = 'leadbridge') => seedLeads(state, count, seed),
    updateRecord: (object, id, values) => {
      const schema = schemaOf(object);
      const checked = services.rules.checkUpdate(schema, id, values);
      if (!checked.ok) throw new Error(`${checked.error.statusCode}: ${checked.error.message}`);
      return state.transact(state.demoUserId, 'com/salesforce/ui/lightning', (tx) =>
        tx.update(schema.name, id, checked.value),
      );
    },
    deleteRecord: (object, id) => {
      const schema = schemaOf(object);
      const checked = services.rules.checkDelete(schema, id);
      if (!checked.ok) throw new Error(`${checked.error.statusCode}: ${checked.error.message}`);
      state.transact(state.demoUserId, 'com/salesforce/ui/lightning', (tx) =>
        tx.remove(schema.name, id),
      );
    },
    getRecord: (object, id) => {
      const schema = schemaOf(object);
      const record = state.table(schema.name).get(id);
      const context = { resolve: (ref: string) => state.find(ref), nowMs: state.now() };
      return record ? withFormulas(schema.fields, record, context) : undefined;
    },
    convertLead: (id, opts) => orThrow(services.leads.convert(state.demoUserId, id, opts)),
    mergeLeads: (masterId, mergedIds, fields) =>
      void orThrow(services.leads.merge(state.demoUserId, masterId, mergedIds, fields)),
    setVisible: (id, visible) => {
      if (!state.setVisible(id, visible)) throw new Error(`no record ${id}`);
    },
    emptyRecycleBin: (ids) => state.purgeDeleted(ids),
    expireSessions: () => sessions.expireAll(),
    injectFault: (kind, opts = {}) =>
      services.faults.add({
        kind,
        remaining: opts.ratio === undefined ? Math.max(1, opts.times ?? 1) : null,
        ratio: opts.ratio ?? null,
        ms: opts.ms ?? (kind === 'late-commit' ? 60_000 : 2_000),
        match: opts.match ?? null,
        recordIds: opts.recordIds?.map((id) => normaliseId(id) ?? id) ?? null,
      }),
    clearFaults: () => services.faults.clear(),
    requests: () => requests.list(),
    writes: () => tallyWrites(requests.list(), state.schemas.values()),
    clearRequests: () => requests.clear(),
    expireBulkJobs: () => services.bulkQueries.expireAll(),
    failBulkJobs: (errorMessage) => services.bulkQueries.failRunning(errorMessage),
    settings,
    save,
  };
}

function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(`${checked.error.statusCode}: ${checked.error.message}`);
  return checked.value;
}

async function readDataFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

/** The org asked for, else the one the data file belongs to (OrgState.load checks they agree). */
function chooseOrgId(asked: string | undefined, saved: unknown): string | undefined {
  if (asked !== undefined) {
    const orgId = normaliseOrgId(asked);
    if (!orgId)
      throw new Error(`not an org id (15 or 18 letters and digits starting with 00D): "${asked}"`);
    return orgId;
  }
  const inFile = (saved as { orgId?: unknown } | undefined)?.orgId;
  return typeof inFile === 'string' ? (normaliseOrgId(inFile) ?? undefined) : undefined;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}
