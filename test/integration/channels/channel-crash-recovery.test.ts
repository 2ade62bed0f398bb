import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelDraftSchema,
  openInstanceStatuses,
  type Channel,
  type MeetingType,
  type SyncStatus,
} from '../../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../../src-main/demo-org';
import { seededRandom } from '../../../src-main/demo-org/prng';
import { answerConsent } from '../../support/demo-consent';
import { all, WORKING } from '../../support/channel-fixture';
import {
  ensureHeadlessBuild,
  spawnHeadless,
  type HeadlessProcess,
} from '../../support/headless-process';
import { readOrgLeads } from '../../support/org-leads';
import { makeTempDirectory } from '../../support/temp-directory';
import { sleep, until } from '../../support/poll-until';

// The built headless host with three channels enabled, SIGKILLed at seeded random points of
// incremental syncs (mid-request, mid-commit, between a page's commit and its decisions),
// restarted on the same data directory each time. LEADBRIDGE_CRASH_SEED replays a run.
const SEED = process.env.LEADBRIDGE_CRASH_SEED ?? 'channel-crash-1';
const LEADS = 4000;
const KILLS = 3;
const CLOSED = 'Closed - Not Converted';

const temp = makeTempDirectory('lb-channel-crash');
const dataDirectory = path.join(temp.path, 'data');
const random = seededRandom(SEED);
let org: DemoOrgHandle;
let host: HeadlessProcess | undefined;
const timeline: string[] = [];

beforeAll(async () => {
  ensureHeadlessBuild();
  org = await startDemoOrg({ leads: LEADS, seed: 'channel-crash' });
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGKILL');
  await org?.close();
  temp.remove();
});

const launch = () =>
  spawnHeadless({
    dataDirectory,
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'channel-crash-token-0123456789',
    demoOrgUrl: org.url,
  });

const status = (running: HeadlessProcess) => running.call<SyncStatus>('sync:status');
const settled = (running: HeadlessProcess) =>
  until('the sync to finish', async () => {
    const current = await status(running);
    return current.state === 'idle' && current.progress === null && current.lastRun
      ? current
      : undefined;
  });

/** Edits on the org between kills: status moves that fire and do not, conversions, deletions. */
function editOrg(round: number): void {
  const statuses = [WORKING, CLOSED, 'Open - Not Contacted', WORKING];
  const live = liveLeadIds();
  for (const id of live.slice(0, 2500)) {
    org.updateRecord('Lead', id, {
      Status: statuses[Math.floor(random() * statuses.length)]!,
      Rating: random() < 0.5 ? 'Hot' : 'Cold',
      Title: `Round ${round}`,
    });
  }
  for (const id of live.slice(2500, 2505)) org.convertLead(id);
  for (const id of live.slice(2505, 2510)) org.deleteRecord('Lead', id);
}

let leadIds: string[] = [];
function liveLeadIds(): string[] {
  leadIds = leadIds.filter((id) => {
    const lead = org.getRecord('Lead', id);
    return lead !== undefined && lead.IsDeleted !== true && lead.IsConverted !== true;
  });
  // A different order each round, so kills land on different Leads.
  return [...leadIds].sort(() => random() - 0.5);
}

describe(`channels across SIGKILLs of the built headless host (seed ${SEED})`, () => {
  it('decides every change exactly once per enabled channel, and never opens two instances of a type', async () => {
    host = await launch();
    const { authorizeUrl } = await host.call<{ authorizeUrl: string }>('connection:connect', {
      org: 'demo',
    });
    const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
    expect((await fetch(`${host.origin}${callback.pathname}${callback.search}`)).ok).toBe(true);
    await settled(host);
    leadIds = [...(await readOrgLeads(org, ['Id'])).keys()];

    const type = await host.call<MeetingType>('meeting-types:create', {
      name: 'Intro call',
      hosts: ['host@example.com'],
    });
    const drafts = [
      {
        name: 'Working',
        kind: 'import',
        action: 'initialize_and_activate',
        rule: statusTo(WORKING),
      },
      {
        name: 'Hot every time',
        kind: 'import',
        action: 'initialize',
        rule: all({ field: 'Rating', operator: 'is', value: 'Hot' }),
        trigger: 'every_time',
      },
      { name: 'Closed stops it', kind: 'intercept', action: 'deactivate', rule: statusTo(CLOSED) },
    ];
    for (const draft of drafts) {
      const created = await host.call<Channel>(
        'channels:create',
        channelDraftSchema.parse({
          meetingTypeId: type.id,
          name: draft.name,
          kind: draft.kind,
          action: draft.action,
          rules: { conditions: draft.rule, trigger: draft.trigger, timeZone: 'UTC' },
        }),
      );
      await host.call('channels:set-enabled', { channelId: created.id, enabled: true });
    }

    org.injectFault('slow', { ratio: 1, ms: 40, match: '/query' });
    for (let kill = 1; kill <= KILLS; kill += 1) {
      editOrg(kill);
      await host.call('sync:now');
      await until('an incremental page', async () => {
        const progress = (await status(host!)).progress;
        return progress?.phase === 'incremental' && progress.pages >= 1 ? true : undefined;
      });
      const delay = Math.floor(random() * 300);
      await sleep(delay);
      timeline.push(`kill ${kill}: SIGKILL after incremental page 1 + ${delay} ms`);
      expect(await host.kill('SIGKILL')).toBe('SIGKILL');
      host = await launch();
    }
    org.clearFaults();
    await host.call('sync:now');
    await settled(host);
    await host.call('sync:now');
    const last = await settled(host);
    expect(last.lastRun?.records, 'a second sync found more to do').toBe(0);
    expect(await host.kill('SIGTERM')).toBe('0');
    host = undefined;

    const db = new BetterSqlite3(path.join(dataDirectory, 'leadbridge.db'), { readonly: true });
    try {
      const groups = changeGroupStarts(db);
      // Per change, the channels decided: stored decisions and the change's row of misses.
      const decided = new Map<number, number[]>();
      const add = (change: number, channel: number) =>
        decided.set(change, [...(decided.get(change) ?? []), channel]);
      for (const row of db
        .prepare('SELECT change_id, channel_id FROM channel_decisions WHERE replay = 0')
        .all() as { change_id: number; channel_id: number }[])
        add(row.change_id, row.channel_id);
      for (const row of db.prepare('SELECT change_id, channels FROM channel_misses').all() as {
        change_id: number;
        channels: string;
      }[])
        for (const [channel] of JSON.parse(row.channels) as number[][])
          add(row.change_id, channel!);
      const wrong = groups.filter((id) => {
        const channels = decided.get(id) ?? [];
        return channels.length !== drafts.length || new Set(channels).size !== drafts.length;
      });
      expect(wrong.slice(0, 10), timeline.join('\n')).toEqual([]);
      expect(decided.size, 'decisions on something that is not a change').toBe(groups.length);
      expect(groups.length).toBeGreaterThan(2 * 2500);
      const open = openInstanceStatuses.map((s) => `'${s}'`).join(', ');
      expect(
        db
          .prepare(
            `SELECT record_id FROM instances WHERE status IN (${open})
             GROUP BY record_id, meeting_type_id HAVING COUNT(*) > 1`,
          )
          .all(),
      ).toEqual([]);
      // Every instance a decision says it opened exists, and fired decisions did open some.
      const opened = db
        .prepare(
          `SELECT COUNT(*) AS n, SUM(instance_id IS NULL) AS missing FROM channel_decisions
           WHERE effect IN ('initialized', 'activated')`,
        )
        .get() as { n: number; missing: number };
      expect(opened.n).toBeGreaterThan(100);
      expect(opened.missing).toBe(0);
      expect(db.prepare('SELECT last_change_id FROM channel_cursor').pluck().get()).toBe(
        db.prepare('SELECT MAX(id) FROM lead_changes').pluck().get(),
      );
    } finally {
      db.close();
    }
  }, 90_000);
});

function statusTo(status: string) {
  return all({ field: 'Status', operator: 'changed_to', value: status });
}

/** The first timing event of each change (a Lead's events at one SystemModstamp, adjacent). */
function changeGroupStarts(db: BetterSqlite3.Database): number[] {
  const rows = db
    .prepare('SELECT id, lead_id, system_modstamp FROM lead_changes ORDER BY id')
    .all() as { id: number; lead_id: string; system_modstamp: string }[];
  const starts: number[] = [];
  let previous: (typeof rows)[number] | undefined;
  for (const row of rows) {
    if (
      !previous ||
      previous.lead_id !== row.lead_id ||
      previous.system_modstamp !== row.system_modstamp
    )
      starts.push(row.id);
    previous = row;
  }
  return starts;
}
