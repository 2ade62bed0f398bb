// Deterministic, realistic-looking leads: the same seed always yields the same org.
import { INDUSTRIES, LEAD_SOURCES, MEETING_STATUSES, RATINGS } from './field-catalog';
import type { OrgState } from './org-state';
import type { SfRecord } from './schema-types';
import { pick, seededRandom } from './prng';
import { DAY_MS, formatDateTime } from './sf-datetime';

const FIRST = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Mateo',
  'Sofia',
  'Hiro',
  'Yuki',
  'Chloe',
  'Jonas',
  'Amara',
  'Ravi',
  'Elena',
  'Kwame',
  'Ines',
  'Lucas',
  'Mia',
  'Omar',
  'Freya',
  'Diego',
  'Nora',
  'Kenji',
  'Zara',
  'Felix',
  'Leila',
  'Samir',
  'Anya',
  'Tariq',
  'Greta',
];
const LAST = [
  'Smith',
  'García',
  'Müller',
  'Tanaka',
  'Okafor',
  'Johansson',
  'Rossi',
  'Kim',
  'Nguyen',
  'Dubois',
  'Novak',
  'Silva',
  'Cohen',
  'Patel',
  'Hughes',
  'Kowalski',
  'Ibrahim',
  'Andersen',
  'Moreau',
  'Costa',
  'Lindqvist',
  'Reid',
  'Yamamoto',
  'Haddad',
  'Fischer',
  "O'Brien",
  'Mensah',
  'Larsen',
  'Petrov',
  'Walsh',
];
const COMPANY_A = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Cyberdyne',
  'Soylent',
  'Hooli',
  'Vandelay',
  'Pied Piper',
  'Wonka',
  'Tyrell',
  'Oscorp',
  'Massive Dynamic',
  'Aperture',
  'Blue Sun',
  'Gringotts',
  'Monarch',
  'Nakatomi',
];
const COMPANY_B = [
  'Labs',
  'Industries',
  'Systems',
  'Analytics',
  'Logistics',
  'Health',
  'Capital',
  'Software',
  'Energy',
  'Foods',
  'Robotics',
  'Media',
];
const TITLES = [
  'VP Sales',
  'Head of Marketing',
  'Operations Manager',
  'CTO',
  'Procurement Lead',
  'Director of IT',
  'CEO',
  'Sales Manager',
  'Growth Lead',
  'CFO',
];
const CITIES: [string, string, string, string][] = [
  ['San Francisco', 'CA', 'USA', 'America/Los_Angeles'],
  ['New York', 'NY', 'USA', 'America/New_York'],
  ['Austin', 'TX', 'USA', 'America/Chicago'],
  ['London', '', 'United Kingdom', 'Europe/London'],
  ['Paris', '', 'France', 'Europe/Paris'],
  ['Berlin', '', 'Germany', 'Europe/Berlin'],
  ['Tokyo', '', 'Japan', 'Asia/Tokyo'],
  ['Toronto', 'ON', 'Canada', 'America/Toronto'],
  ['Sydney', 'NSW', 'Australia', 'Australia/Sydney'],
];
const STATUS_WEIGHTS: [string, number][] = [
  ['Open - Not Contacted', 0.45],
  ['Working - Contacted', 0.3],
  ['Closed - Converted', 0.1],
  ['Closed - Not Converted', 0.15],
];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** Builds `count` lead value sets (no system fields) from `seed`; pure, so it is testable alone. */
export function generateLeads(
  count: number,
  seed: string | number,
  ownerIds: string[],
  nowMs: number,
): { values: SfRecord; ageMs: number }[] {
  const random = seededRandom(seed);
  const out: { values: SfRecord; ageMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const company = `${pick(random, COMPANY_A)} ${pick(random, COMPANY_B)}`;
    const [city, state, country, tz] = pick(random, CITIES);
    let roll = random();
    let status = 'Open - Not Contacted';
    for (const [name, weight] of STATUS_WEIGHTS) {
      if (roll < weight) {
        status = name;
        break;
      }
      roll -= weight;
    }
    const meeting = random() < 0.4 ? pick(random, MEETING_STATUSES) : null;
    const values: SfRecord = {
      FirstName: first,
      LastName: last,
      Company: company,
      Title: pick(random, TITLES),
      Email: `${slug(first)}.${slug(last)}${i}@${slug(company)}.example`,
      Phone: `+1 555 ${String(Math.floor(random() * 900) + 100)} ${String(Math.floor(random() * 9000) + 1000)}`,
      City: city,
      State: state || null,
      Country: country,
      LeadSource: pick(random, LEAD_SOURCES),
      Status: status,
      Industry: pick(random, INDUSTRIES),
      Rating: random() < 0.7 ? pick(random, RATINGS) : null,
      NumberOfEmployees: Math.floor(10 ** (1 + random() * 4)),
      AnnualRevenue: Math.floor(random() * 500) * 100_000,
      OwnerId: pick(random, ownerIds),
      IsUnreadByOwner: random() < 0.3,
      Lead_Score__c: Math.floor(random() * 100),
      Meeting_Status__c: meeting,
      Last_Meeting_Date__c: meeting
        ? formatDateTime(nowMs - Math.floor(random() * 30) * DAY_MS)
        : null,
      Timezone__c: tz,
    };
    out.push({ values, ageMs: Math.floor(random() * 90 * DAY_MS) });
  }
  return out;
}

/**
 * Inserts seeded leads as a data load would: stamps spread over the last 90 days
 * in ascending order, so "SystemModstamp > watermark" behaves as in a real org's history.
 */
export function seedLeads(state: OrgState, count: number, seed: string | number): string[] {
  const now = state.now();
  const leads = generateLeads(count, seed, state.leadOwnerIds(), now);
  const ages = leads.map((l) => l.ageMs).sort((a, b) => b - a);
  return state.transact(
    state.demoUserId,
    'com/salesforce/api/bulk/62.0',
    (tx) =>
      leads.map((lead, i) =>
        String(tx.insert('Lead', lead.values, { stampMs: now - (ages[i] ?? 0) }).Id),
      ),
    // A seed is test setup, not a change anyone subscribed to: keep it out of the CDC stream.
    { silent: true },
  );
}
