// The org's data: metadata, records (live and deleted), users, and the change feed that drives
// Change Data Capture. It enforces nothing — validation lives in records.ts — so the admin API and
// seeding can write what a Salesforce user or a data load would.
import { randomUUID } from 'node:crypto';
import { noAutomation, type Automation } from './automation';
import type { DuplicateRules } from './duplicate-rules';
import { buildCatalog } from './field-catalog';
import type { FieldSpec, ObjectSchema, SfRecord } from './schema-types';
import { indexSchema } from './schema-types';
import { DEFAULT_ORG_ID, idSpaceOf, makeId } from './salesforce-id';
import { formatDateTime } from './sf-datetime';
import { DEMO_USERS, LEAD_OWNER_EMAILS, userRecord } from './seed-users';

export interface OrgSettings {
  accessTokenLifetimeSeconds: number;
  rotateRefreshTokens: boolean;
  dailyApiLimit: number;
  /** Active duplicate rules (by email) per object; none by default. */
  duplicateRules: DuplicateRules;
  /**
   * The request URI plus headers the org's front accepts (Salesforce: 16,384 bytes; a proxy or
   * load balancer in front of an org can lower it).
   */
  maxRequestHeadBytes: number;
  /**
   * Whether the demo user's profile has "View Setup and Configuration". Without it, /limits
   * is refused (403) as for any ordinary user of a real org.
   */
  demoUserViewsSetup: boolean;
  /** How long a Bulk API 2.0 query job stays queued and in progress before its result is ready. */
  bulkQueryRunMs: number;
  /**
   * The most rows a query page holds (2,000 by default). Salesforce documents that the batch
   * size is not guaranteed: it may answer with fewer rows than asked, for performance.
   */
  maxQueryBatch: number;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE';

export interface RecordChange {
  object: string;
  changeType: ChangeType;
  recordId: string;
  changedFields: string[];
  /** Values of the changed fields after the change (empty for DELETE). */
  values: SfRecord;
  commitMs: number;
  userId: string;
  transactionKey: string;
  sequenceNumber: number;
  origin: string;
}

export interface Transaction {
  insert(object: string, values: SfRecord, options?: { stampMs?: number }): SfRecord;
  update(object: string, id: string, values: SfRecord): string[];
  /** Deletes to the Recycle Bin; a merge names the surviving record as `masterRecordId`. */
  remove(object: string, id: string, options?: { masterRecordId?: string }): void;
}

/**
 * An all-or-none composite call: the transactions run inside it form one Salesforce transaction
 * (one transaction key in CDC), published when it commits and undone if it rolls back.
 */
export interface WriteUnit {
  readonly transactionKey: string;
  /** Its changes, held back from CDC until it commits. */
  readonly changes: RecordChange[];
  /** Restores what its writes overwrote, in the order they were written. */
  readonly undo: (() => void)[];
}

/** Salesforce empties deleted records from the Recycle Bin after 15 days. */
export const RECYCLE_BIN_MS = 15 * 24 * 60 * 60_000;

const NAME_OBJECTS = new Set(['Lead', 'Contact', 'User']);

interface SavedState {
  version: 1;
  /** Absent in files written before orgs had their own ids: those belong to the default org. */
  orgId?: string;
  sequence: number;
  schemas: Omit<ObjectSchema, 'byLowerName' | 'byRelationship'>[];
  tables: Record<string, SfRecord[]>;
  deletedAt: [string, number][];
  /** Absent in files written before sharing was emulated. */
  hidden?: string[];
  /** Absent in files written before validation and assignment rules were emulated. */
  automation?: Automation;
}

export class OrgState {
  readonly orgId: string;
  readonly schemas: Map<string, ObjectSchema>;
  readonly deletedAt = new Map<string, number>();
  /**
   * Records the API user cannot see through sharing (owner moved, a sharing rule removed).
   * Sharing changes do not stamp the record, so its SystemModstamp stays where it was.
   */
  readonly hiddenIds = new Set<string>();
  readonly userIds: string[] = [];
  /** Validation rules and the active Lead assignment rule (metadata, saved with the data). */
  automation: Automation = noAutomation();
  /** The org's pod: every id it mints carries it, as in a real org. */
  private readonly pod: string;
  private readonly tables = new Map<string, Map<string, SfRecord>>();
  private sequence = 0;
  private readonly listeners = new Set<(changes: RecordChange[]) => void>();
  /** Bumped on every write, so savers and caches can tell whether anything changed. */
  revision = 0;

  /** `orgId` must be a normalised 18-char org id (see normaliseOrgId). */
  constructor(
    readonly settings: OrgSettings,
    readonly now: () => number,
    orgId = DEFAULT_ORG_ID,
  ) {
    this.orgId = orgId;
    const space = idSpaceOf(orgId);
    this.pod = space.pod;
    this.sequence = space.firstSequence;
    this.schemas = buildCatalog(now());
    for (const schema of this.schemas.values()) this.tables.set(schema.name, new Map());
    this.seedUsers();
  }

  get demoUserId(): string {
    return this.userIds[0] ?? '';
  }

  schema(name: string): ObjectSchema | undefined {
    return this.schemas.get(name.toLowerCase());
  }

  table(object: string): Map<string, SfRecord> {
    let table = this.tables.get(object);
    if (!table) {
      table = new Map();
      this.tables.set(object, table);
    }
    return table;
  }

  find(id: string): { object: string; record: SfRecord } | undefined {
    for (const [object, table] of this.tables) {
      const record = table.get(id);
      if (record) return { object, record };
    }
    return undefined;
  }

  onChange(listener: (changes: RecordChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  nextId(keyPrefix: string): string {
    this.sequence += 1;
    return makeId(keyPrefix, this.sequence, this.pod);
  }

  /**
   * Runs `body` as one Salesforce transaction: its changes share a transaction key in CDC. Inside
   * a unit it joins the unit's transaction instead, and its changes wait for the unit to commit.
   */
  transact<T>(
    userId: string,
    origin: string,
    body: (tx: Transaction) => T,
    txOptions: { silent?: boolean; unit?: WriteUnit } = {},
  ): T {
    const { unit } = txOptions;
    const changes: RecordChange[] = [];
    const transactionKey = unit?.transactionKey ?? randomUUID();
    const earlier = unit?.changes.length ?? 0;
    const push = (
      change: Omit<RecordChange, 'transactionKey' | 'sequenceNumber' | 'userId' | 'origin'>,
    ): void => {
      if (!txOptions.silent)
        changes.push({
          ...change,
          transactionKey,
          sequenceNumber: earlier + changes.length + 1,
          userId,
          origin,
        });
    };
    const tx: Transaction = {
      insert: (object, values, options) => {
        const record = this.insertRecord(object, values, userId, options?.stampMs);
        if (unit) this.journal(unit, object, String(record.Id), undefined);
        if (!txOptions.silent)
          push({
            object,
            changeType: 'CREATE',
            recordId: String(record.Id),
            changedFields: Object.keys(record).filter((k) => record[k] !== null),
            values: { ...record },
            commitMs: options?.stampMs ?? this.now(),
          });
        return record;
      },
      update: (object, id, values) => {
        if (unit) this.journal(unit, object, id, this.table(object).get(id));
        const changed = this.updateRecord(object, id, values, userId);
        const record = this.table(object).get(id);
        if (changed.length > 0 && record) {
          const after: SfRecord = {};
          for (const name of changed) after[name] = record[name] ?? null;
          push({
            object,
            changeType: 'UPDATE',
            recordId: id,
            changedFields: changed,
            values: after,
            commitMs: this.now(),
          });
        }
        return changed;
      },
      remove: (object, id, options) => {
        if (unit) this.journal(unit, object, id, this.table(object).get(id));
        this.removeRecord(object, id, userId, options?.masterRecordId);
        push({
          object,
          changeType: 'DELETE',
          recordId: id,
          changedFields: [],
          values: {},
          commitMs: this.now(),
        });
      },
    };
    const result = body(tx);
    this.revision += 1;
    if (unit) unit.changes.push(...changes);
    else this.publish(changes);
    return result;
  }

  newUnit(): WriteUnit {
    return { transactionKey: randomUUID(), changes: [], undo: [] };
  }

  /** Publishes a unit's changes to CDC as the one transaction they were. */
  commitUnit(unit: WriteUnit): void {
    this.publish(unit.changes);
  }

  /** Undoes every write of a unit, newest first; CDC never hears of them. */
  rollbackUnit(unit: WriteUnit): void {
    for (const undo of [...unit.undo].reverse()) undo();
    this.revision += 1;
  }

  private publish(changes: RecordChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }

  /** Remembers a record as it was before a unit's write (undefined: the write creates it). */
  private journal(unit: WriteUnit, object: string, id: string, before: SfRecord | undefined): void {
    const table = this.table(object);
    const saved = before === undefined ? undefined : { ...before };
    const deletedAt = this.deletedAt.get(id);
    unit.undo.push(() => {
      const current = table.get(id);
      if (saved === undefined) table.delete(id);
      else if (current === undefined) table.set(id, saved);
      else {
        // In place: query cursors and callers may hold the record object itself.
        for (const key of Object.keys(current)) delete current[key];
        Object.assign(current, saved);
      }
      if (deletedAt === undefined) this.deletedAt.delete(id);
      else this.deletedAt.set(id, deletedAt);
    });
  }

  private insertRecord(
    object: string,
    values: SfRecord,
    userId: string,
    stampMs?: number,
  ): SfRecord {
    const schema = this.schema(object);
    if (!schema) throw new Error(`unknown object ${object}`);
    const stamp = formatDateTime(stampMs ?? this.now());
    const record: SfRecord = { Id: this.nextId(schema.keyPrefix) };
    if (schema.byLowerName.has('isdeleted')) record.IsDeleted = false;
    for (const field of schema.fields) {
      if (field.defaultValue !== null && values[field.name] === undefined)
        record[field.name] = field.defaultValue;
    }
    if (schema.byLowerName.has('ownerid')) record.OwnerId = userId;
    Object.assign(record, values);
    Object.assign(record, {
      CreatedDate: stamp,
      CreatedById: userId,
      LastModifiedDate: stamp,
      LastModifiedById: userId,
      SystemModstamp: stamp,
    });
    this.computeDerived(object, record);
    this.table(schema.name).set(String(record.Id), record);
    return record;
  }

  private updateRecord(object: string, id: string, values: SfRecord, userId: string): string[] {
    const record = this.table(object).get(id);
    if (!record) throw new Error(`no ${object} ${id}`);
    const changed: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if ((record[name] ?? null) !== value) {
        record[name] = value;
        changed.push(name);
      }
    }
    if (changed.length > 0) {
      const nameBefore = record.Name ?? null;
      this.computeDerived(object, record);
      if ((record.Name ?? null) !== nameBefore) changed.push('Name');
    }
    // Salesforce stamps a record on every successful save, even one that changes no value.
    const stamp = formatDateTime(this.now());
    record.LastModifiedDate = stamp;
    record.LastModifiedById = userId;
    record.SystemModstamp = stamp;
    if (changed.length > 0) changed.push('LastModifiedDate');
    return changed;
  }

  private removeRecord(
    object: string,
    id: string,
    userId: string,
    masterRecordId: string | undefined,
  ): void {
    const record = this.table(object).get(id);
    if (!record) throw new Error(`no ${object} ${id}`);
    const now = this.now();
    record.IsDeleted = true;
    if (masterRecordId !== undefined) record.MasterRecordId = masterRecordId;
    record.LastModifiedById = userId;
    record.SystemModstamp = formatDateTime(now);
    this.deletedAt.set(id, now);
  }

  /** Changes the org's validation or assignment rules (metadata: no record is stamped). */
  changeAutomation(change: (automation: Automation) => void): void {
    change(this.automation);
    this.revision += 1;
  }

  /** Shares a record with the API user again, or takes its access away. */
  setVisible(id: string, visible: boolean): boolean {
    if (!this.find(id)) return false;
    if (visible) this.hiddenIds.delete(id);
    else this.hiddenIds.add(id);
    this.revision += 1;
    return true;
  }

  /**
   * Those of `ids` that are records of an object the API user can see (deleted ones included),
   * in Id order: what a real org's Id index yields, found without a scan.
   */
  visibleRecordsWithIds(object: string, ids: readonly string[]): SfRecord[] {
    const table = this.table(object);
    const found: SfRecord[] = [];
    for (const id of [...new Set(ids)].sort()) {
      const record = table.get(id);
      if (record && !this.hiddenIds.has(id)) found.push(record);
    }
    return found;
  }

  /** The records of an object the API user can see (deleted ones included). */
  *visibleRecords(object: string): Iterable<SfRecord> {
    for (const record of this.table(object).values())
      if (!this.hiddenIds.has(String(record.Id))) yield record;
  }

  /**
   * Hard-deletes records from the Recycle Bin, as emptying it does: the given ids, or every
   * deleted record; afterwards not even queryAll returns them. Returns how many went.
   */
  purgeDeleted(ids?: readonly string[]): number {
    const doomed = ids ?? [...this.deletedAt.keys()];
    let purged = 0;
    for (const id of doomed) {
      const found = this.find(id);
      if (!found || found.record.IsDeleted !== true) continue;
      this.table(found.object).delete(id);
      this.deletedAt.delete(id);
      this.hiddenIds.delete(id);
      purged += 1;
    }
    if (purged > 0) this.revision += 1;
    return purged;
  }

  /** Salesforce's own clean-up: records deleted more than 15 days ago leave the Recycle Bin. */
  purgeExpired(): number {
    const cutoff = this.now() - RECYCLE_BIN_MS;
    const expired = [...this.deletedAt].filter(([, ms]) => ms < cutoff).map(([id]) => id);
    return expired.length === 0 ? 0 : this.purgeDeleted(expired);
  }

  private computeDerived(object: string, record: SfRecord): void {
    if (NAME_OBJECTS.has(object)) {
      const first = record.FirstName;
      const last = record.LastName;
      record.Name =
        [first, last].filter((p) => typeof p === 'string' && p !== '').join(' ') || null;
    }
  }

  /** Adds fields to an object's metadata; existing records hold no value for them (null). */
  addFields(object: string, fields: FieldSpec[]): boolean {
    const schema = this.schema(object);
    if (!schema) return false;
    schema.fields = [...schema.fields, ...fields];
    indexSchema(schema);
    schema.lastModifiedMs = this.now();
    this.revision += 1;
    return true;
  }

  /** Renames or removes a field in the metadata and moves the stored values with it. */
  alterField(
    object: string,
    fieldName: string,
    change: { name?: string; label?: string } | null,
  ): boolean {
    const schema = this.schema(object);
    const spec = schema?.byLowerName.get(fieldName.toLowerCase());
    if (!schema || !spec) return false;
    const table = this.table(schema.name);
    if (change === null) {
      schema.fields = schema.fields.filter((f) => f !== spec);
      for (const record of table.values()) delete record[spec.name];
    } else {
      const oldName = spec.name;
      if (change.name && change.name !== oldName) {
        spec.name = change.name;
        spec.custom = change.name.endsWith('__c');
        for (const record of table.values()) {
          if (oldName in record) {
            record[change.name] = record[oldName] ?? null;
            delete record[oldName];
          }
        }
      }
      if (change.label) spec.label = change.label;
    }
    indexSchema(schema);
    schema.lastModifiedMs = this.now();
    this.revision += 1;
    return true;
  }

  private seedUsers(): void {
    const stamp = formatDateTime(this.now());
    for (const user of DEMO_USERS) {
      const id = this.nextId('005');
      this.userIds.push(id);
      this.table('User').set(id, userRecord(user, id, this.userIds[0] ?? id, stamp));
    }
  }

  /** The active users of the sales team, who own the Leads a seed creates. */
  leadOwnerIds(): string[] {
    const users = this.table('User');
    return this.userIds.filter((id) => {
      const user = users.get(id);
      return user?.IsActive === true && LEAD_OWNER_EMAILS.has(String(user.Email));
    });
  }

  toJSON(): SavedState {
    const tables: Record<string, SfRecord[]> = {};
    for (const [object, table] of this.tables) tables[object] = [...table.values()];
    return {
      version: 1,
      orgId: this.orgId,
      sequence: this.sequence,
      schemas: [...this.schemas.values()].map(
        ({ byLowerName: _a, byRelationship: _b, ...rest }) => rest,
      ),
      tables,
      deletedAt: [...this.deletedAt],
      hidden: [...this.hiddenIds],
      automation: this.automation,
    };
  }

  /** Replaces the org's data with a saved state (as written by toJSON). */
  load(saved: unknown): void {
    const state = saved as Partial<SavedState> | null;
    if (!state || state.version !== 1 || !state.tables || !Array.isArray(state.schemas)) {
      throw new Error('not a demo-org data file (expected version 1)');
    }
    const owner = state.orgId ?? DEFAULT_ORG_ID;
    if (owner !== this.orgId) {
      throw new Error(
        `the data file holds the org ${owner}, not ${this.orgId}: start with --org-id ${owner} or use another data file`,
      );
    }
    this.sequence = Math.max(this.sequence, state.sequence ?? 0);
    for (const saved of state.schemas) {
      const schema: ObjectSchema = { ...saved, byLowerName: new Map(), byRelationship: new Map() };
      indexSchema(schema);
      this.schemas.set(schema.name.toLowerCase(), schema);
    }
    this.tables.clear();
    for (const [object, records] of Object.entries(state.tables)) {
      this.tables.set(object, new Map(records.map((r) => [String(r.Id), r])));
    }
    this.userIds.length = 0;
    for (const id of this.table('User').keys()) this.userIds.push(id);
    this.deletedAt.clear();
    for (const [id, ms] of state.deletedAt ?? []) this.deletedAt.set(id, ms);
    this.hiddenIds.clear();
    for (const id of state.hidden ?? []) this.hiddenIds.add(id);
    this.automation = state.automation ?? noAutomation();
    this.revision += 1;
  }
}
