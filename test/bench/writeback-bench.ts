// Benchmark: write-back (issue 11). Run with `npm run bench:writeback`. Prints figures; it is
// not a timed test. The demo org runs in a child process (its own JS thread), and the core is
// driven through the contract, as the UI and the scheduler drive it.
//
// (a) API calls for 1,000 Leads whose Status change fires an Import channel and then an Update
//     channel routing the owner to the host, with one Task each: the sync, the decisions, the
//     User look-up, the field writes and the Task creates, counted from the org's request log,
//     next to the seed product's pattern (query the Lead, query the User, update: 3 a Lead).
// (b) Throughput: 10,000 Lead updates drained from the outbox, and the same collections sent
//     by a plain HTTP client (fetch, 200 records a call), timed in the same run.
import type { FieldWrite, OutboxStatus, SyncStatus } from '../../src-preload/contract';
import { syncNow } from '../support/connected-core';
import { admin } from '../support/demo-org-admin';
import type { createTestCore } from '../support/test-core';
import { WORKING } from '../support/channel-fixture';
import {
  coreCaller,
  HOST_EMAIL,
  outboxSettled,
  type ContractCall,
} from '../support/writeback-trials';
import { callKinds, type LoggedRequest } from './call-kinds';
import { printFigures } from './figure-table';
import { signedInCore } from './signed-in-core';
import { startOrgProcess } from './org-process';
import { startProfiler } from './cpu-profile';
import { patchCollections, type CollectionRecord } from './plain-collections';
import { until } from '../support/poll-until';

const ROUTED_LEADS = 1_000;
const SEED_PATTERN_CALLS = 3 * ROUTED_LEADS;
const UPDATES = 10_000;
const PLAIN_RUNS = 2;

type Core = Awaited<ReturnType<typeof createTestCore>>;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Connected {
  url: string;
  token: string;
  core: Core;
  call: ContractCall;
  stop(): Promise<void>;
}

/** A demo org process with `leads` Leads and a core that has imported them all. */
async function connectedOrg(leads: number, seed: string): Promise<Connected> {
  const org = await startOrgProcess(leads, seed);
  const { core, issued } = await signedInCore(org.url);
  const imported = await syncNow(core);
  if (imported.state !== 'idle') throw new Error(`import failed: ${imported.message}`);
  return {
    url: org.url,
    token: issued.access_token,
    core,
    call: coreCaller(core),
    stop: async () => {
      core.dispose();
      await org.stop();
    },
  };
}

/**
 * A meeting type hosted by HOST_EMAIL, its Import channel activating an instance when Status
 * changes to Working - Contacted, and an Update channel writing `writes` on `activated`.
 */
async function routeOnActivation(call: ContractCall, writes: FieldWrite[], tasks: boolean) {
  const type = await call<{ id: number }>('meeting-types:create', {
    name: 'Intro call',
    hosts: [HOST_EMAIL],
    activityLogging: { tasks, events: false },
  });
  const channels = [
    {
      name: 'Working opens an instance',
      kind: 'import',
      action: 'initialize_and_activate',
      rules: {
        conditions: {
          combinator: 'and',
          rules: [{ field: 'Status', operator: 'changed_to', value: WORKING }],
        },
        timeZone: 'UTC',
      },
    },
    {
      name: 'Activated: route the owner',
      kind: 'update',
      action: 'write_fields',
      rules: { conditions: { combinator: 'and', rules: [] }, timeZone: 'UTC' },
      update: { statuses: ['activated'], writes },
    },
  ];
  for (const draft of channels) {
    const { id } = await call<{ id: number }>('channels:create', {
      meetingTypeId: type.id,
      ...draft,
    });
    await call('channels:set-enabled', { channelId: id, enabled: true });
  }
}

/** Moves `ids` to Working - Contacted in the org, 200 a call (not counted: a person's edits). */
async function markWorking(org: Connected, ids: readonly string[]): Promise<void> {
  await patchCollections(
    org.url,
    org.token,
    ids.map((Id) => ({ attributes: { type: 'Lead' }, Id, Status: WORKING })),
  );
}

/**
 * Resolves when the worker says nothing is pending and it is not sending: from its own
 * `outbox:changed` events, so that waiting costs the drain nothing (polling would).
 */
function drained(core: Core): Promise<OutboxStatus> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((message) => {
      if (message.event !== 'outbox:changed') return;
      const status = message.payload;
      if (status.counts.pending > 0 || status.draining) return;
      stop();
      resolve(status);
    });
  });
}

/** The first `count` cached Leads a Status change to Working - Contacted would fire on. */
function workableLeads(core: Core, count: number): string[] {
  const ids = core.leads
    .search('', count * 2, 0)
    .leads.filter((lead) => lead.status !== WORKING && !lead.isConverted)
    .slice(0, count)
    .map((lead) => lead.id);
  if (ids.length < count) throw new Error(`only ${ids.length} Leads to work`);
  return ids;
}

async function openInstanceIds(call: ContractCall, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < count; offset += 500) {
    const { instances } = await call<{ instances: { id: number }[] }>('instances:search', {
      statuses: ['activated'],
      limit: 500,
      offset,
    });
    ids.push(...instances.map((instance) => instance.id));
  }
  return ids;
}

async function countOf(org: Connected, soql: string): Promise<number> {
  const response = await fetch(
    `${org.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    {
      headers: { Authorization: `Bearer ${org.token}` },
    },
  );
  if (!response.ok) throw new Error(`${soql}: ${await response.text()}`);
  return ((await response.json()) as { totalSize: number }).totalSize;
}

async function apiCallsForRouting(): Promise<[string, string, string][]> {
  const org = await connectedOrg(ROUTED_LEADS * 2, 'writeback-bench-routing');
  try {
    await routeOnActivation(org.call, [{ field: 'OwnerId', source: 'host_user' }], true);
    const ids = workableLeads(org.core, ROUTED_LEADS);
    // Held while the edits land and the attempts are recorded, so the count is one burst.
    await org.call('sync:pause');
    await markWorking(org, ids);
    await admin(org.url, 'DELETE', 'requests');
    await syncNow(org.core);
    const instanceIds = await openInstanceIds(org.call, ROUTED_LEADS);
    if (instanceIds.length !== ROUTED_LEADS)
      throw new Error(`the Import channel opened ${instanceIds.length} instances`);
    for (const instanceId of instanceIds)
      await org.call('instances:record-attempt', { instanceId, kind: 'email' });
    await org.call('sync:resume');
    const finished = await outboxSettled(org.call, 120_000);
    const { requests } = (await admin(org.url, 'GET', 'requests')) as {
      requests: LoggedRequest[];
    };
    if (finished.counts.sent !== 2 * ROUTED_LEADS)
      throw new Error(`the outbox sent ${finished.counts.sent} items: ${JSON.stringify(finished)}`);
    // Read after the log was taken: the org holds what was promised.
    const routed = await countOf(
      org,
      `SELECT COUNT() FROM Lead WHERE Owner.Email = '${HOST_EMAIL}'`,
    );
    const tasks = await countOf(org, `SELECT COUNT() FROM Task WHERE TaskSubtype = 'Email'`);
    if (routed < ROUTED_LEADS || tasks !== ROUTED_LEADS)
      throw new Error(`the org has ${routed} Leads owned by the host and ${tasks} Tasks`);
    return [
      [
        `API calls, ${ROUTED_LEADS.toLocaleString('en-US')} Leads routed + 1 Task each`,
        `${requests.length} calls (seed pattern: ${SEED_PATTERN_CALLS.toLocaleString('en-US')}; ${(SEED_PATTERN_CALLS / requests.length).toFixed(0)}× fewer)`,
        '≤ 20; ≥ 150× fewer',
      ],
      ['  of which', callKinds(requests), ''],
    ];
  } finally {
    await org.stop();
  }
}

async function drainThroughput(): Promise<[string, string, string][]> {
  const org = await connectedOrg(UPDATES * 1.5, 'writeback-bench-throughput');
  try {
    await routeOnActivation(
      org.call,
      [
        { field: 'Meeting_Status__c', source: 'fixed', value: 'Invited' },
        { field: 'Timezone__c', source: 'fixed', value: 'Europe/Berlin' },
      ],
      false,
    );
    const ids = workableLeads(org.core, UPDATES);
    await org.call('sync:pause');
    await markWorking(org, ids);
    await syncNow(org.core);
    const queued = await until(
      'the decisions to queue every update',
      async () => {
        const status = await org.call<OutboxStatus>('outbox:status');
        return status.counts.pending === UPDATES ? status : undefined;
      },
      300_000,
    );

    await admin(org.url, 'DELETE', 'requests');
    // WRITEBACK_BENCH_PROFILE=<file>: the drain alone, CPU-profiled.
    const profiler = await startProfiler('WRITEBACK_BENCH_PROFILE');
    const drainStart = performance.now();
    const done = drained(org.core);
    await org.call('sync:resume');
    const settled = await done;
    const drainMs = performance.now() - drainStart;
    await profiler?.();
    if (settled.counts.sent !== queued.counts.pending)
      throw new Error(`the outbox sent ${settled.counts.sent}: ${JSON.stringify(settled)}`);

    const { requests } = (await admin(org.url, 'GET', 'requests')) as {
      requests: (LoggedRequest & { durationMs: number })[];
    };
    const orgTime = (method: string) => {
      const calls = requests.filter((request) => request.method === method);
      return `${calls.length} ${method} calls, ${seconds(calls.reduce((sum, call) => sum + call.durationMs, 0))}`;
    };
    // The plain client alone: the core shares this process, and streaming, it would sync the
    // echoes of the plain client's writes while they are timed (and its own, still arriving).
    await org.call('sync:pause');
    await until(
      'the sync to stop',
      async () =>
        (await org.call<SyncStatus>('sync:status')).state === 'syncing' ? undefined : true,
      60_000,
    );
    // The same collections (the same Leads and fields, 200 a call), other values each run.
    const plainMs: number[] = [];
    for (let run = 0; run < PLAIN_RUNS; run += 1) {
      const records: CollectionRecord[] = ids.map((Id) => ({
        attributes: { type: 'Lead' },
        Id,
        Meeting_Status__c: run % 2 ? 'Booked' : 'Accepted',
        Timezone__c: run % 2 ? 'Asia/Tokyo' : 'UTC',
      }));
      plainMs.push(await patchCollections(org.url, org.token, records));
    }
    const plain = plainMs.reduce((sum, ms) => sum + ms, 0) / plainMs.length;
    return [
      [
        `Outbox drain, ${UPDATES.toLocaleString('en-US')} Lead updates`,
        `${seconds(drainMs)} (${Math.round(UPDATES / (drainMs / 1000)).toLocaleString('en-US')} updates/s)`,
        '',
      ],
      ['  of which the org answering', `${orgTime('GET')} (re-reads), ${orgTime('PATCH')}`, ''],
      [
        'Plain fetch of the same collections',
        `${seconds(plain)} (runs: ${plainMs.map(seconds).join(', ')})`,
        '',
      ],
      ['Drain / plain client', (drainMs / plain).toFixed(2), '≤ 1.3'],
    ];
  } finally {
    await org.stop();
  }
}

// `-- --throughput` runs part (b) alone.
if (!process.argv.includes('--throughput'))
  printFigures(`Write-back: API calls, Node ${process.version}`, await apiCallsForRouting());
printFigures('Write-back: throughput', await drainThroughput());
