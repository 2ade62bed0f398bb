// Exactly-once write-back across SIGKILLs of the built headless host, shared by the suite's
// trials and the soak script. Each round books a few Leads (a Task, an Event and field writes
// each), then kills the host at random points while its outbox drains, restarts it on the same
// data directory each time, and finally checks the org: every write there exactly once.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { OutboxKind } from '../../src-preload/contract';
import { startDemoOrg, type DemoOrgHandle } from '../../src-main/demo-org';
import { seededRandom, type Random } from '../../src-main/demo-org/prng';
import { answerConsent } from './demo-consent';
import { ensureHeadlessBuild, spawnHeadless, type HeadlessProcess } from './headless-process';
import { readOrgLeads } from './org-leads';
import { makeTempDirectory } from './temp-directory';
import {
  exactlyOnceMismatches,
  inviteAndBook,
  openInstancesFor,
  orgRecordsWhere,
  outboxItems,
  outboxSettled,
  setUpWriteback,
  syncSettled,
  type ContractCall,
} from './writeback-trials';
import { WORKING } from './channel-fixture';

export interface CrashRoundsOptions {
  seed: string;
  rounds: number;
  killsPerRound: number;
  leadsPerRound: number;
  /** Called after each round, e.g. to print progress. */
  onRound?: (round: RoundResult) => void;
}

export interface RoundResult {
  round: number;
  /** How each kill was timed, for a failing run's message. */
  kills: string[];
  /** Kills that left an item in flight: sent, or about to be, with no outcome recorded. */
  killsInFlight: number;
  /** Of those items, Tasks and Events the org had already created: found again, not re-sent. */
  createsAppliedUnrecorded: number;
  /** Broken promises: a write lost or doubled, an item not sent. Empty when all held. */
  problems: string[];
}

const WRITE_PATH = '/composite/sobjects';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the dead host's outbox marked as in flight, read from its file as an auditor would. */
function inFlightItems(file: string): { kind: OutboxKind; leadId: string }[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT kind, lead_id AS leadId FROM outbox WHERE in_flight_since IS NOT NULL')
      .all() as { kind: OutboxKind; leadId: string }[];
  } finally {
    db.close();
  }
}

/** How many in-flight creates the org already holds (the trials create one of each per Lead). */
async function alreadyCreated(
  org: DemoOrgHandle,
  items: { kind: OutboxKind; leadId: string }[],
): Promise<number> {
  let found = 0;
  for (const [kind, object] of [
    ['task_create', 'Task'],
    ['event_create', 'Event'],
  ] as const) {
    const leadIds = items.filter((item) => item.kind === kind).map((item) => item.leadId);
    if (leadIds.length > 0)
      found += (await orgRecordsWhere(org, object, ['Id'], 'WhoId', leadIds)).length;
  }
  return found;
}

/**
 * Each booked Lead owes two updates (invited, then booked; merged into one when both wait):
 * a third write, from the org's request log, is a decided write sent twice.
 */
function updatedTooOften(org: DemoOrgHandle, leadIds: readonly string[]): string[] {
  const writes = new Map<string, number>();
  for (const request of org.requests())
    for (const id of request.writes?.updated ?? []) writes.set(id, (writes.get(id) ?? 0) + 1);
  return leadIds
    .filter((id) => (writes.get(id) ?? 0) > 2)
    .map((id) => `${id}: updated ${writes.get(id)} times`);
}

/** Write calls (collections POST/PATCH) the org has answered since its log was cleared. */
const answeredWrites = (org: DemoOrgHandle) =>
  org.requests().filter((r) => r.path.endsWith(WRITE_PATH) && r.method !== 'GET' && r.status > 0)
    .length;

export async function runCrashRounds(options: CrashRoundsOptions): Promise<RoundResult[]> {
  ensureHeadlessBuild();
  const random = seededRandom(options.seed);
  // Each round works fresh Leads; about a third of a seeded org is Working or converted already.
  const leads = Math.max(400, options.rounds * options.leadsPerRound * 2);
  const org = await startDemoOrg({ leads, seed: `${options.seed}-org` });
  const temp = makeTempDirectory('lb-writeback-crash');
  const launch = () =>
    spawnHeadless({
      dataDirectory: path.join(temp.path, 'data'),
      secretsKeyFile: path.join(temp.path, 'secrets.key'),
      token: 'writeback-crash-token-0123456789',
      demoOrgUrl: org.url,
    });
  let host = await launch();
  const call: ContractCall = (method, input) => host.call(method, input);
  try {
    const { authorizeUrl } = await host.call<{ authorizeUrl: string }>('connection:connect', {
      org: 'demo',
    });
    const callback = new URL(await answerConsent(authorizeUrl, 'allow'));
    const landed = await fetch(`${host.origin}${callback.pathname}${callback.search}`);
    if (!landed.ok) throw new Error(`the OAuth callback answered ${landed.status}`);
    await syncSettled(call);
    await setUpWriteback(call);
    const fresh = [...(await readOrgLeads(org, ['Id', 'Status', 'IsConverted'])).values()]
      .filter((lead) => lead.Status !== WORKING && lead.IsConverted !== true)
      .map((lead) => String(lead.Id));

    const results: RoundResult[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const leadIds = fresh.splice(0, options.leadsPerRound);
      if (leadIds.length < options.leadsPerRound) throw new Error('the org ran out of fresh Leads');
      const instances = await openInstancesFor(org, call, leadIds);
      // Each call to the org waits a little, so the drain spans long enough to be killed in.
      org.injectFault('slow', { ratio: 1, ms: 20 + Math.floor(random() * 60), match: '/query' });
      org.injectFault('slow', { ratio: 1, ms: 40 + Math.floor(random() * 120), match: WRITE_PATH });
      org.clearRequests();
      for (const instance of instances.values()) await inviteAndBook(call, instance);

      const result: RoundResult = {
        round,
        kills: [],
        killsInFlight: 0,
        createsAppliedUnrecorded: 0,
        problems: [],
      };
      for (let kill = 1; kill <= options.killsPerRound; kill += 1) {
        result.kills.push(await killSomewhere(org, host, random));
        const inFlight = inFlightItems(path.join(temp.path, 'data', 'leadbridge.db'));
        if (inFlight.length > 0) result.killsInFlight += 1;
        result.createsAppliedUnrecorded += await alreadyCreated(org, inFlight);
        host = await launch();
      }
      org.clearFaults();
      await outboxSettled(call);
      result.problems.push(...(await exactlyOnceMismatches(org, leadIds)));
      result.problems.push(...updatedTooOften(org, leadIds));
      const unsent = (await outboxItems(call)).filter(
        (item) => item.leadId !== null && leadIds.includes(item.leadId) && item.state !== 'sent',
      );
      for (const item of unsent)
        result.problems.push(`${item.leadId}: ${item.kind} ${item.state} ${item.error?.message}`);
      results.push(result);
      options.onRound?.(result);
    }
    return results;
  } finally {
    await host.kill('SIGKILL');
    await org.close();
    temp.remove();
  }
}

/**
 * SIGKILLs the host either at a random moment of its drain, or as soon as the org has answered
 * one more write: then the host has (or has not yet) recorded an outcome the org already holds.
 */
async function killSomewhere(
  org: DemoOrgHandle,
  host: HeadlessProcess,
  random: Random,
): Promise<string> {
  let how: string;
  if (random() < 0.5) {
    const delay = Math.floor(random() * 600);
    await sleep(delay);
    how = `random, ${delay} ms in`;
  } else {
    const before = answeredWrites(org);
    const deadline = Date.now() + 800;
    while (answeredWrites(org) === before && Date.now() < deadline) await sleep(1);
    how = answeredWrites(org) > before ? 'as a write was answered' : 'random, drain over';
  }
  const signal = await host.kill('SIGKILL');
  if (signal !== 'SIGKILL')
    throw new Error(`the host ended by itself (${signal}): ${host.stderr()}`);
  return how;
}
