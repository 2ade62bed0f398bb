// Benchmark: what 20 enabled channels add to an incremental sync of 5,000 changed Leads.
// Three cores sync the same demo org (in a child process) — one with no channels, two with 20
// Import and Intercept channels of 5–8 rules (one set firing on few changes, one on most) —
// and each round all three sync the same edits, in rotating order. Run with `npm run bench:channels` (after the evaluator figures). Prints
// figures; it is not a timed test.
import type { ConditionGroup, ConditionRule } from '../../src-preload/contract';
import { channelDraftSchema } from '../../src-preload/contract';
import type { IssuedSession } from '../../src-main/demo-org';
import { secretsSignedInTo, syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import { FakeClock } from '../support/fake-clock';
import { createTestCore } from '../support/test-core';
import { startOrgProcess } from './org-process';

const LEADS = 20_000;
const EDITS = 5_000;
const CHANNELS = 20;
const ROUNDS = 3;
const STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];
const RATINGS = ['Hot', 'Warm', 'Cold'];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const COUNTRIES = ['US', 'CA', 'DE', 'GB', 'FR'];

type Core = Awaited<ReturnType<typeof createTestCore>>;
const pick = <T>(values: readonly T[], n: number) => values[n % values.length]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Channel n: a trigger on Status or Rating plus value rules, a nested group, 5–8 rules. */
function channelConditions(n: number): ConditionGroup {
  const trigger: ConditionRule =
    n % 2 === 0
      ? { field: 'Status', operator: 'changed_to', value: pick(STATUSES, n) }
      : {
          field: 'Rating',
          operator: 'changed_from_to',
          value: [pick(RATINGS, n), pick(RATINGS, n + 1)],
        };
  const rules: (ConditionRule | ConditionGroup)[] = [
    trigger,
    {
      field: 'Country',
      operator: 'is_any_of',
      value: [pick(COUNTRIES, n), pick(COUNTRIES, n + 2)],
    },
    { field: 'Email', operator: 'is_not_empty' },
    { field: 'Company', operator: 'not_contains', value: 'test' },
    {
      combinator: 'or',
      rules: [
        { field: 'LeadSource', operator: 'is', value: pick(SOURCES, n) },
        { field: 'Lead_Score__c', operator: 'gt', value: 10 + n },
        { field: 'Title', operator: 'contains', value: 'VP' },
      ],
    },
  ];
  if (n % 3 === 0) rules.push({ field: 'NumberOfEmployees', operator: 'gte', value: 5 });
  return { combinator: 'and', rules };
}

async function connectedCore(url: string): Promise<Core> {
  const issued = (await admin(url, 'POST', 'sessions', { refreshToken: true })) as IssuedSession;
  return createTestCore({
    secretStore: await secretsSignedInTo(url, issued),
    clock: new FakeClock(),
  });
}

/** 5,000 edits as people make them, 25 requests at a time. */
async function editLeads(url: string, ids: readonly string[], round: number): Promise<void> {
  for (let start = 0; start < ids.length; start += 25) {
    await Promise.all(
      ids.slice(start, start + 25).map((id, offset) => {
        const n = start + offset + round;
        return admin(url, 'PATCH', `sobjects/Lead/${id}`, {
          Status: pick(STATUSES, n),
          Rating: pick(RATINGS, n + round),
          Country: pick(COUNTRIES, n * 7),
          Lead_Score__c: (n * 13) % 100,
        });
      }),
    );
  }
}

interface SyncCost {
  wallMs: number;
  /** This process's CPU time (the org runs in another): what channels add is CPU work. */
  cpuMs: number;
}

async function timedSync(core: Core): Promise<SyncCost> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const status = await syncNow(core);
  if (status.state !== 'idle') throw new Error(`sync failed: ${status.message}`);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  process.stdout.write(`\nSeeding ${LEADS.toLocaleString('en-US')} leads in a demo org process…\n`);
  const org = await startOrgProcess(LEADS, 'channel-sync-bench');
  const plain = await connectedCore(org.url);
  const busy = await connectedCore(org.url);
  const selective = await connectedCore(org.url);
  const cores = { plain, busy, selective };
  try {
    for (const core of Object.values(cores)) await timedSync(core);
    enableChannels(busy, 'busy');
    enableChannels(selective, 'selective');

    const ids = plain.leads.search('', LEADS, 0).leads.map((lead) => lead.id);
    const times: Record<keyof typeof cores, SyncCost[]> = { plain: [], busy: [], selective: [] };
    const names = Object.keys(cores) as (keyof typeof cores)[];
    for (let round = 0; round < ROUNDS; round += 1) {
      await editLeads(org.url, ids.slice(round * EDITS, (round + 1) * EDITS), round);
      // Each round in another order, so no core always syncs first (or last).
      for (const which of [...names.slice(round % 3), ...names.slice(0, round % 3)]) {
        times[which].push(await timedSync(cores[which]));
      }
    }

    const total = (costs: SyncCost[], key: keyof SyncCost) =>
      costs.reduce((sum, cost) => sum + cost[key], 0);
    const percent = (which: 'busy' | 'selective', key: keyof SyncCost) =>
      `${((total(times[which], key) / total(times.plain, key) - 1) * 100).toFixed(1)} %`;
    const extra = (which: 'busy' | 'selective') =>
      `${percent(which, 'wallMs')} wall, ${percent(which, 'cpuMs')} CPU`;
    const shown = (costs: SyncCost[]) =>
      `${costs.map((cost) => seconds(cost.wallMs)).join(', ')} (CPU ${costs.map((cost) => seconds(cost.cpuMs)).join(', ')})`;
    const fired = (core: Core) =>
      core.channels.list().reduce((sum, channel) => sum + channel.fireCount, 0);
    const changes = EDITS * ROUNDS;
    const rows: [string, string, string][] = [
      [
        `Incremental sync, ${EDITS.toLocaleString('en-US')} changed Leads, no channels`,
        shown(times.plain),
        '',
      ],
      [
        `Same, ${CHANNELS} channels firing on few changes`,
        `${shown(times.selective)}; fired ${fired(selective).toLocaleString('en-US')} times on ${changes.toLocaleString('en-US')} changes`,
        '',
      ],
      ['  Time channels add', extra('selective'), '≤ 10 %'],
      [
        `Same, ${CHANNELS} channels firing on most changes`,
        `${shown(times.busy)}; fired ${fired(busy).toLocaleString('en-US')} times on ${changes.toLocaleString('en-US')} changes`,
        '',
      ],
      ['  Time channels add', extra('busy'), ''],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    process.stdout.write(
      `\nNode ${process.version}, ${LEADS.toLocaleString('en-US')} leads; ${ROUNDS} rounds, sync order rotating\n`,
    );
    for (const [name, value, target] of rows) {
      process.stdout.write(
        `${name.padEnd(width)}  ${value}${target ? `   [target ${target}]` : ''}\n`,
      );
    }
  } finally {
    for (const core of Object.values(cores)) core.dispose();
    await org.stop();
  }
}

/**
 * 20 Import and Intercept channels. "busy" ones fire on most edits of this bench (a mass
 * update); "selective" ones also ask for a Lead Score above 96, which few edits set.
 */
function enableChannels(core: Core, kind: 'busy' | 'selective'): void {
  const type = core.meetingTypes.create({
    name: 'Intro call',
    hosts: ['host@example.com'],
    calendar: null,
  });
  for (let n = 0; n < CHANNELS; n += 1) {
    const intercept = n % 5 === 4;
    const conditions = channelConditions(n);
    if (kind === 'selective')
      conditions.rules.push({ field: 'Lead_Score__c', operator: 'gt', value: 96 });
    const channel = core.channels.create(
      channelDraftSchema.parse({
        meetingTypeId: type.id,
        name: `Channel ${n + 1}`,
        kind: intercept ? 'intercept' : 'import',
        action: intercept ? 'deactivate' : n % 2 ? 'initialize' : 'initialize_and_activate',
        rules: {
          conditions,
          trigger: n % 4 === 3 ? 'every_time' : 'becomes_true',
          timeZone: 'Europe/Berlin',
        },
      }),
    );
    core.channels.setEnabled(channel.id, true);
  }
}

await main();
