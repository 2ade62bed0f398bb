// Benchmark, the intake part of `npm run bench:bookings` (the posting part follows it): signed
// generic webhooks POSTed to the receiver of the built headless host (a child process, as it
// runs in production), each a booking of its own, against a plain node:http server answering
// 200 without storing anything, driven by the same load generator in the same run. Prints
// figures; it is not a timed test.
//
// Accepted = answered 200, which the receiver gives only once the event is committed; the
// host is then SIGKILLed and its file counted, so "stored" is what survived the kill.
// The host is not connected to an org: the applier records each booking as it arrives, and
// the posts wait in the outbox (posting is the other part of this benchmark).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { freePort } from '../support/free-port';
import { genericBooking, genericHeaders } from '../support/generic-webhooks';
import { ensureHeadlessBuild, spawnHeadless } from '../support/headless-process';
import { turnReceiverOn } from '../support/receiver-on';
import { makeTempDirectory } from '../support/temp-directory';
import { HOST_EMAIL } from '../support/writeback-trials';
import { printFigures } from './figure-table';
import { processCpuMs } from './process-cpu';
import {
  HttpLoad,
  okCount,
  percentile,
  perSecond,
  type LoadRequest,
  type LoadResult,
} from './http-load';

const IN_FLIGHT = 32;
const OFFERED_RATE = 1_000;
const RUN_MS = 5_000;
const WARM_UP_MS = 1_000;
const SECRET = 'intake-bench-generic-secret';
const CALENDAR = { id: 'cal-bench', name: 'Bench call' };

type Figure = [label: string, value: string, target: string];

/** A stream of signed bookings, each with its own id and guest. */
function signedBookings(tag: string): () => LoadRequest {
  let n = 0;
  return () => {
    n += 1;
    const { body } = genericBooking(
      `${tag}-${n}`,
      CALENDAR,
      {
        email: `guest.${n}@${tag}.example.com`,
        firstName: 'Guest',
        lastName: `Number ${n}`,
        company: `Company ${n}`,
      },
      new Date(Date.UTC(2030, 0, 2, 9) + n * 60_000),
      HOST_EMAIL,
    );
    return { path: '/hooks/generic', headers: genericHeaders(SECRET, body), body };
  };
}

/**
 * Capacity (closed loop, with the server's CPU per answer) and the answer time at the offered
 * rate (open loop), after a warm-up.
 */
async function measure(origin: URL, pid: number, tag: string) {
  const load = new HttpLoad(origin, signedBookings(tag), IN_FLIGHT);
  try {
    const warmUp = await load.closedLoop(IN_FLIGHT, WARM_UP_MS);
    const cpuBefore = processCpuMs(pid);
    const capacity = await load.closedLoop(IN_FLIGHT, RUN_MS);
    const cpuMsEach = (processCpuMs(pid) - cpuBefore) / okCount(capacity);
    const offered = await load.openLoop(OFFERED_RATE, RUN_MS);
    return { runs: [warmUp, capacity, offered], capacity, cpuMsEach, offered };
  } finally {
    load.close();
  }
}

const rate = (result: LoadResult) => `${Math.round(perSecond(result)).toLocaleString('en-US')} /s`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
/** CPU per request, and the rate one core of its own would give at that cost. */
const cpu = (msEach: number) =>
  `${msEach.toFixed(2)} ms (${Math.round(1000 / msEach).toLocaleString('en-US')} /s on a free core)`;
const refused = (results: LoadResult[]) =>
  results
    .flatMap((result) => [...result.answers])
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, n]) => `${n}× ${status}`);

async function plainServer(): Promise<{ url: URL; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/plain-webhook-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Plain server: (\S+)/.exec(output);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    void exited.then(() => reject(new Error('the plain server exited before it listened')));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function storedRows(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM platform_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function intakeFigures(): Promise<Figure[]> {
  const load = os.loadavg()[0] ?? 0;
  ensureHeadlessBuild();
  const temp = makeTempDirectory('lb-intake-bench');
  const receiverPort = await freePort();
  const host = await spawnHeadless({
    dataDirectory: path.join(temp.path, 'data'),
    secretsKeyFile: path.join(temp.path, 'secrets.key'),
    token: 'intake-bench-token-0123456789',
  });
  try {
    await host.call('meeting-types:create', {
      name: CALENDAR.name,
      hosts: [HOST_EMAIL],
      calendar: CALENDAR,
    });
    await host.call('platform:set-secret', { name: 'generic_secret', value: SECRET });
    await turnReceiverOn((method, input) => host.call(method, input), receiverPort);

    const intake = await measure(new URL(`http://127.0.0.1:${receiverPort}`), host.pid, 'intake');
    const accepted = intake.runs.reduce((sum, run) => sum + okCount(run), 0);
    await host.kill('SIGKILL');
    const stored = storedRows(path.join(temp.path, 'data', 'leadbridge.db'));

    const plain = await plainServer();
    let limit;
    try {
      limit = await measure(plain.url, plain.pid, 'plain');
    } finally {
      await plain.stop();
    }
    const problems = refused(intake.runs);
    const offered = OFFERED_RATE.toLocaleString('en-US');
    return [
      [
        'Machine: load average (1 min) at the start',
        `${load.toFixed(1)} on ${os.cpus().length} cores`,
        '',
      ],
      [
        `Intake: signed webhooks stored per second, ${IN_FLIGHT} in flight`,
        rate(intake.capacity),
        '≥ 1,000 /s',
      ],
      ['Intake: host CPU per stored webhook', cpu(intake.cpuMsEach), ''],
      [
        `Intake: p95 answer, ${IN_FLIGHT} in flight`,
        ms(percentile(intake.capacity.latencies, 95)),
        '',
      ],
      [
        `Intake: p95 answer at ${offered} /s offered`,
        ms(percentile(intake.offered.latencies, 95)),
        '≤ 50 ms',
      ],
      [`Intake: answered 2xx at ${offered} /s offered`, rate(intake.offered), ''],
      [
        'Intake: stored after SIGKILL / answered 2xx',
        `${stored.toLocaleString('en-US')} / ${accepted.toLocaleString('en-US')}`,
        'equal',
      ],
      ['Intake: answers other than 2xx', problems.length ? problems.join(', ') : 'none', 'none'],
      [`Plain node:http 200 (no storing), ${IN_FLIGHT} in flight`, rate(limit.capacity), ''],
      ['Plain node:http: CPU per answer', cpu(limit.cpuMsEach), ''],
      [
        `Plain node:http: p95 answer at ${offered} /s offered`,
        ms(percentile(limit.offered.latencies, 95)),
        '',
      ],
      [
        'Intake / plain server, per second',
        `${((perSecond(intake.capacity) / perSecond(limit.capacity)) * 100).toFixed(0)} %`,
        '',
      ],
    ];
  } finally {
    await host.kill('SIGKILL');
    temp.remove();
  }
}

printFigures(`Bookings: webhook intake, Node ${process.version}`, await intakeFigures());
