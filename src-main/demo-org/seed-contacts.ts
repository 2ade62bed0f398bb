// A few Contacts beside the seeded Leads, each at an Account of its company, as a sales org's
// customers are. The first is the same person as the first seeded Lead (same name and email):
// real orgs hold such pairs, and booking posting must choose between them.
import type { OrgState } from './org-state';
import type { SfRecord } from './schema-types';
import { generateLeads } from './seed-leads';

export function seedContacts(state: OrgState, count: number, seed: string | number): string[] {
  if (count <= 0) return [];
  const people = generateLeads(count, `contacts:${seed}`, state.leadOwnerIds(), state.now());
  const firstLead = [...state.table('Lead').values()]
    .filter((lead) => lead.IsDeleted !== true)
    .sort((a, b) => String(a.Id).localeCompare(String(b.Id)))[0];
  if (firstLead && people[0]) {
    people[0].values = {
      ...people[0].values,
      FirstName: firstLead.FirstName ?? null,
      LastName: firstLead.LastName ?? null,
      Email: firstLead.Email ?? null,
    };
  }
  return state.transact(
    state.demoUserId,
    'com/salesforce/api/bulk/62.0',
    (tx) => {
      const accounts = new Map<string, string>();
      return people.map(({ values: person }) => {
        const company = String(person.Company);
        let accountId = accounts.get(company);
        if (accountId === undefined) {
          accountId = String(
            tx.insert('Account', { Name: company, Industry: person.Industry ?? null }).Id,
          );
          accounts.set(company, accountId);
        }
        const contact: SfRecord = {
          AccountId: accountId,
          FirstName: person.FirstName ?? null,
          LastName: person.LastName ?? null,
          Title: person.Title ?? null,
          Email: person.Email ?? null,
          Phone: person.Phone ?? null,
          MailingCity: person.City ?? null,
          MailingState: person.State ?? null,
          MailingCountry: person.Country ?? null,
          LeadSource: person.LeadSource ?? null,
          OwnerId: person.OwnerId ?? null,
        };
        return String(tx.insert('Contact', contact).Id);
      });
    },
    // Seeding is setup, not a change anyone subscribed to (as for seeded Leads).
    { silent: true },
  );
}
