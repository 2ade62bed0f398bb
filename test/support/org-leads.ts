import type { DemoOrgHandle } from '../../src-main/demo-org';

interface Page {
  records: Record<string, unknown>[];
  nextRecordsUrl?: string;
}

/** Every live Lead in the org with the given fields, read with a session of its own. */
export async function readOrgLeads(
  org: DemoOrgHandle,
  fields: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const { access_token: token } = org.issueSession();
  const leads = new Map<string, Record<string, unknown>>();
  let url: string | undefined =
    `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM Lead`)}`;
  while (url) {
    const response = await fetch(`${org.url}${url}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as Page;
    for (const record of page.records) {
      const { attributes: _attributes, ...values } = record;
      leads.set(String(values.Id), values);
    }
    url = page.nextRecordsUrl;
  }
  return leads;
}
