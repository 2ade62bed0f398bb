// What the demo page shows: the Lead and Contact lists (with each record's owner) and one
// person's detail — owner, Account (a Contact's), Tasks and Events — so a person sees
// Leadbridge's write-back and booking posts land.
import type { OrgState } from './org-state';
import type { SfRecord } from './schema-types';
import { notFound } from './sf-errors';

export type PersonObject = 'Lead' | 'Contact';

interface OwnerView {
  Id: string;
  Name: string | null;
  Email: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function ownerOf(state: OrgState, person: SfRecord): OwnerView | null {
  const id = person.OwnerId;
  const user = typeof id === 'string' ? state.table('User').get(id) : undefined;
  if (!user) return null;
  return { Id: String(user.Id), Name: text(user.Name), Email: text(user.Email) };
}

function accountOf(state: OrgState, person: SfRecord): { Id: string; Name: string | null } | null {
  const id = person.AccountId;
  const account = typeof id === 'string' ? state.table('Account').get(id) : undefined;
  return account ? { Id: String(account.Id), Name: text(account.Name) } : null;
}

/** What a search matches: the name, the company (a Lead's, or a Contact's Account) and email. */
function searchText(state: OrgState, person: SfRecord): string {
  const company = person.Company ?? accountOf(state, person)?.Name ?? '';
  return `${String(person.Name ?? '')} ${String(company)} ${String(person.Email ?? '')}`.toLowerCase();
}

export function listPeople(
  state: OrgState,
  object: PersonObject,
  params: URLSearchParams,
): {
  total: number;
  /** Stored values plus `Owner` (the owning User's id, name and email) and `Account`. */
  records: Record<string, unknown>[];
  fields: { name: string; label: string; type: string; updateable: boolean; picklist: string[] }[];
} {
  const search = (params.get('search') ?? '').trim().toLowerCase();
  const limit = Math.min(200, Math.max(1, Number(params.get('limit') ?? 50) || 50));
  const matches = [...state.table(object).values()].filter(
    (person) =>
      person.IsDeleted !== true && (search === '' || searchText(state, person).includes(search)),
  );
  matches.sort((a, b) => String(b.SystemModstamp).localeCompare(String(a.SystemModstamp)));
  const fields = (state.schema(object)?.fields ?? [])
    .filter((f) => f.updateable && f.type !== 'reference')
    .map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      updateable: f.updateable,
      picklist: f.picklistValues.map((p) => p.value),
    }));
  const records = matches.slice(0, limit).map((person) => ({
    ...person,
    Owner: ownerOf(state, person),
    Account: accountOf(state, person),
  }));
  return { total: matches.length, records, fields };
}

/** One Lead or Contact with its owner, its Account and its live Tasks and Events, newest first. */
export function personDetail(
  state: OrgState,
  object: PersonObject,
  id: string,
): {
  record: SfRecord;
  owner: OwnerView | null;
  account: { Id: string; Name: string | null } | null;
  tasks: SfRecord[];
  events: SfRecord[];
} {
  const record = state.table(object).get(id);
  if (!record || record.IsDeleted === true) throw notFound();
  const about = (activity: string, stamp: string) =>
    [...state.table(activity).values()]
      .filter((row) => row.WhoId === id && row.IsDeleted !== true)
      .sort((a, b) => String(b[stamp] ?? '').localeCompare(String(a[stamp] ?? '')));
  return {
    record,
    owner: ownerOf(state, record),
    account: accountOf(state, record),
    tasks: about('Task', 'CreatedDate'),
    events: about('Event', 'StartDateTime'),
  };
}
