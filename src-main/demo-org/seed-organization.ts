// The Organization row: the org's own record (Setup → Company Information), derived from the
// org id and its first user rather than stored, so a data file never holds it.
import type { SfRecord } from './schema-types';

/** Where this org's servers are said to run: real orgs name theirs (`USA694`, `EU46`…). */
const INSTANCE_NAME = 'DEMO1';

/**
 * The org as a Developer Edition org describes itself: no trial end, no namespace, not a
 * sandbox; created when its first user was, and last changed by that user (its admin).
 */
export function organizationRecord(orgId: string, admin: SfRecord): SfRecord {
  const created = admin.CreatedDate ?? null;
  return {
    Id: orgId,
    Name: 'Leadbridge Demo',
    Division: null,
    Street: '100 Demo Street',
    City: 'San Francisco',
    State: 'CA',
    PostalCode: '94105',
    Country: 'US',
    Latitude: null,
    Longitude: null,
    GeocodeAccuracy: null,
    Phone: null,
    Fax: null,
    PrimaryContact: typeof admin.Name === 'string' ? admin.Name : null,
    DefaultLocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: admin.TimeZoneSidKey ?? 'America/Los_Angeles',
    ReceivesInfoEmails: false,
    ReceivesAdminInfoEmails: false,
    FiscalYearStartMonth: 1,
    UsesStartDateAsFiscalYearName: false,
    ComplianceBccEmail: null,
    SignupCountryIsoCode: 'US',
    TrialExpirationDate: null,
    OrganizationType: 'Developer Edition',
    NamespacePrefix: null,
    InstanceName: INSTANCE_NAME,
    IsSandbox: false,
    IsReadOnly: false,
    CreatedDate: created,
    CreatedById: admin.Id ?? null,
    LastModifiedDate: created,
    LastModifiedById: admin.Id ?? null,
    SystemModstamp: created,
  };
}
