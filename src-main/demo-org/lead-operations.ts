// Lead conversion and merge, as the SOAP API's convertLead() and merge() (and Apex's
// Database.convertLead / merge) perform them, taking the Lead's Tasks and Events along. REST has
// no resource for either, so the admin API and the in-process handle offer them, acting as a
// Salesforce user would.
import { addressPartNames } from './compound-fields';
import type { OrgState, Transaction } from './org-state';
import { type Checked, type RecordRules } from './records';
import type { SfRecord } from './schema-types';
import { formatDate } from './sf-datetime';

export interface ConvertOptions {
  /** A Lead status marked "converted"; default 'Closed - Converted'. */
  convertedStatus?: string;
  /** Attach the Contact to this Account instead of creating one from the Company. */
  accountId?: string;
  doNotCreateOpportunity?: boolean;
}

export interface ConvertResult {
  leadId: string;
  accountId: string;
  contactId: string;
  opportunityId: string | null;
}

export interface MergeResult {
  id: string;
  mergedRecordIds: string[];
}

/** The Lead statuses the org's Lead Process marks "Converted". */
const CONVERTED_STATUSES = new Set(['Closed - Converted']);

const fail = (statusCode: string, message: string): Checked<never> => ({
  ok: false,
  error: { statusCode, message, fields: [] },
});

export class LeadOperations {
  constructor(
    private readonly state: OrgState,
    private readonly rules: RecordRules,
  ) {}

  /**
   * One transaction, in the order a real org commits it (Account, Contact, Opportunity, then
   * the Lead), so CDC shows four events sharing one transaction key. The Lead gets IsConverted,
   * ConvertedDate, the three converted ids and a converted status, and is read-only after.
   */
  convert(
    userId: string,
    rawLeadId: unknown,
    options: ConvertOptions = {},
  ): Checked<ConvertResult> {
    const lead = this.liveLead(rawLeadId);
    if (!lead.ok) return lead;
    const record = lead.value;
    if (record.IsConverted === true)
      return fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    const status = options.convertedStatus ?? 'Closed - Converted';
    if (!CONVERTED_STATUSES.has(status))
      return fail('INVALID_STATUS', `invalid convertedStatus: ${status}`);
    if (options.accountId !== undefined) {
      const account = this.state.find(options.accountId);
      if (!account || account.object !== 'Account' || account.record.IsDeleted === true)
        return fail(
          'INVALID_CROSS_REFERENCE_KEY',
          `invalid cross reference id: ${options.accountId}`,
        );
    }
    const pick = (names: string[]): SfRecord =>
      Object.fromEntries(names.map((name) => [name, record[name] ?? null]));
    const value = this.state.transact(userId, SOAP_ORIGIN, (tx): ConvertResult => {
      const accountId =
        options.accountId ??
        String(
          tx.insert('Account', {
            Name: record.Company ?? null,
            Phone: record.Phone ?? null,
            Website: record.Website ?? null,
            Industry: record.Industry ?? null,
            AccountSource: record.LeadSource ?? null,
          }).Id,
        );
      const contactId = String(
        tx.insert('Contact', {
          AccountId: accountId,
          ...pick(['FirstName', 'LastName', 'Salutation', 'Title', 'Email', 'Phone']),
          ...pick(['MobilePhone', 'LeadSource', 'Description']),
          // A Lead's address becomes the Contact's mailing address.
          ...Object.fromEntries(
            addressPartNames('Address').map((name) => [`Mailing${name}`, record[name] ?? null]),
          ),
        }).Id,
      );
      const opportunityId = options.doNotCreateOpportunity
        ? null
        : String(
            tx.insert('Opportunity', {
              AccountId: accountId,
              Name: `${String(record.Company ?? record.LastName)}-`,
              StageName: 'Prospecting',
              CloseDate: formatDate(this.state.now()),
              LeadSource: record.LeadSource ?? null,
            }).Id,
          );
      // The Lead's Tasks and Events go to the Contact, related to the Opportunity when one is made.
      this.moveActivities(tx, String(record.Id), {
        WhoId: contactId,
        ...(opportunityId ? { WhatId: opportunityId } : {}),
      });
      tx.update('Lead', String(record.Id), {
        Status: status,
        IsConverted: true,
        ConvertedDate: formatDate(this.state.now()),
        ConvertedAccountId: accountId,
        ConvertedContactId: contactId,
        ConvertedOpportunityId: opportunityId,
      });
      return { leadId: String(record.Id), accountId, contactId, opportunityId };
    });
    return { ok: true, value };
  }

  /**
   * Merges up to two Leads into a master: the losers go to the Recycle Bin with MasterRecordId
   * set to the master (queryAll shows them so), then the master is updated with `fields`.
   */
  merge(
    userId: string,
    rawMasterId: unknown,
    rawMergedIds: unknown,
    fields: Record<string, unknown> = {},
  ): Checked<MergeResult> {
    const master = this.liveLead(rawMasterId);
    if (!master.ok) return master;
    const masterId = String(master.value.Id);
    if (!Array.isArray(rawMergedIds) || rawMergedIds.length < 1 || rawMergedIds.length > 2)
      return fail('INVALID_OPERATION', 'A merge takes the master and one or two records to merge');
    const mergedIds: string[] = [];
    for (const raw of rawMergedIds) {
      const merged = this.liveLead(raw);
      if (!merged.ok) return merged;
      const id = String(merged.value.Id);
      if (id === masterId || mergedIds.includes(id))
        return fail('INVALID_OPERATION', 'Cannot merge a record with itself');
      mergedIds.push(id);
    }
    if (
      [master.value, ...mergedIds.map((id) => this.state.table('Lead').get(id))].some(
        (lead) => lead?.IsConverted === true,
      )
    )
      return fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    const schema = this.state.schema('Lead');
    const update = schema ? this.rules.checkUpdate(schema, masterId, fields) : undefined;
    if (!update?.ok) return update ?? fail('INVALID_TYPE', 'sObject type Lead is not supported');
    this.state.transact(userId, SOAP_ORIGIN, (tx) => {
      for (const id of mergedIds) this.moveActivities(tx, id, { WhoId: masterId });
      for (const id of mergedIds) tx.remove('Lead', id, { masterRecordId: masterId });
      tx.update('Lead', masterId, update.value);
    });
    return { ok: true, value: { id: masterId, mergedRecordIds: mergedIds } };
  }

  /** Reparents the live Tasks and Events about one person (WhoId): stamped, as Salesforce does. */
  private moveActivities(tx: Transaction, fromId: string, to: SfRecord): void {
    for (const object of ['Task', 'Event']) {
      for (const activity of this.state.table(object).values()) {
        if (activity.WhoId === fromId && activity.IsDeleted !== true)
          tx.update(object, String(activity.Id), to);
      }
    }
  }

  private liveLead(raw: unknown): Checked<SfRecord> {
    const schema = this.state.schema('Lead');
    if (!schema) return fail('INVALID_TYPE', 'sObject type Lead is not supported');
    const id = this.rules.checkId(schema, raw);
    if (!id.ok) return id;
    const record = this.state.table('Lead').get(id.value);
    if (!record)
      return fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${id.value}`);
    if (record.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    return { ok: true, value: record };
  }
}

/** Conversions and merges arrive over the SOAP API in a real org (see the conversion fixture). */
const SOAP_ORIGIN = 'com/salesforce/api/soap/62.0;client=SfdcInternalAPI/';
