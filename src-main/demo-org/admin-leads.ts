// What the demo page shows: the Lead list (with each Lead's owner) and one Lead's detail — its
// owner, Tasks and Events — so a person sees Leadbridge's write-back land.
import type { OrgState } from './org-state';
import type { SfRecord } from './schema-types';
import { notFound } from './sf-errors';

interface OwnerView {
  Id: string;
  Name: string | null;
  Email: string | null;
}

function ownerOf(state: OrgState, lead: SfRecord): OwnerView | null {
  const id = lead.OwnerId;
  const user = typeof id === 'string' ? state.table('User').get(id) : undefined;
  if (!user) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { Id: String(user.Id), Name: text(user.Name), Email: text(user.Email) };
}

export function listLeads(
  state: OrgState,
  params: URLSearchParams,
): {
  total: number;
  /** Stored values plus `Owner` (the owning User's id, name and email). */
  leads: Record<string, unknown>[];
  fields: { name: string; label: string; type: string; updateable: boolean; picklist: string[] }[];
} {
  const search = (params.get('search') ?? '').trim().toLowerCase();
  const limit = Math.min(200, Math.max(1, Number(params.get('limit') ?? 50) || 50));
  const matches: SfRecord[] = [];
  let total = 0;
  for (const lead of state.table('Lead').values()) {
    if (lead.IsDeleted === true) continue;
    if (search !== '') {
      const hay =
        `${String(lead.Name ?? '')} ${String(lead.Company ?? '')} ${String(lead.Email ?? '')}`.toLowerCase();
      if (!hay.includes(search)) continue;
    }
    total++;
    matches.push(lead);
  }
  matches.sort((a, b) => String(b.SystemModstamp).localeCompare(String(a.SystemModstamp)));
  const schema = state.schema('Lead');
  const fields = (schema?.fields ?? [])
    .filter((f) => f.updateable && f.type !== 'reference')
    .map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      updateable: f.updateable,
      picklist: f.picklistValues.map((p) => p.value),
    }));
  const leads = matches.slice(0, limit).map((lead) => ({ ...lead, Owner: ownerOf(state, lead) }));
  return { total, leads, fields };
}

/** One Lead with its owner and its live Tasks and Events, newest first. */
export function leadDetail(
  state: OrgState,
  id: string,
): { lead: SfRecord; owner: OwnerView | null; tasks: SfRecord[]; events: SfRecord[] } {
  const lead = state.table('Lead').get(id);
  if (!lead || lead.IsDeleted === true) throw notFound();
  const about = (object: string, stamp: string) =>
    [...state.table(object).values()]
      .filter((activity) => activity.WhoId === id && activity.IsDeleted !== true)
      .sort((a, b) => String(b[stamp] ?? '').localeCompare(String(a[stamp] ?? '')));
  return {
    lead,
    owner: ownerOf(state, lead),
    tasks: about('Task', 'CreatedDate'),
    events: about('Event', 'StartDateTime'),
  };
}
