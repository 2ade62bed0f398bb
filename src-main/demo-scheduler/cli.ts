// Standalone demo scheduler: `npm run demo-scheduler -- --help`.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDemoScheduler } from './index';
import { setupInstructions } from './instructions';
import {
  DEFAULT_CALENDARS,
  DEFAULT_HOOKS_URL,
  type CalendarInput,
  type LeadbridgeTarget,
} from './options';

const USAGE = `usage: npm run demo-scheduler -- [options]
  --port N                  listen on 127.0.0.1:N (default: a free port)
  --leadbridge URL          Leadbridge's webhook receiver (default ${DEFAULT_HOOKS_URL})
  --timerex-token T         the secrets it shares with Leadbridge; each one not given is
  --calendly-signing-key K    generated and printed, to paste into Leadbridge's settings
  --generic-secret S
  --outbound-secret S
  --cadence SECONDS         from an activated instance to its invite attempt, and on to the
                            email attempt (default 3)
  --retry-seconds N         first retry of a refused webhook; doubles up to 60 s (default 10)
  --booking-days N          working days of slots offered, from today (default 5)
  --time-zone ZONE          the calendars' time zone (default this machine's)
  --calendars FILE          a JSON array of calendars instead of the two demo ones: each
                            {id, name, hosts?: [{email, name}], durationMinutes?, question?:
                            {label, required}, format?: timerex|calendly, meeting?:
                            google_meet|zoom|none, timeZone?}`;

function fail(message: string): never {
  process.stderr.write(`demo-scheduler: ${message}\n`);
  process.exit(2);
}

function seconds(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) fail(`--${name} must be a number of seconds ≥ 0`);
  return value;
}

function bookingDays(text: string | undefined): number {
  const days = Number(text ?? 5);
  if (!Number.isInteger(days) || days < 1 || days > 260) fail('--booking-days must be 1–260');
  return days;
}

function readCalendars(file: string): CalendarInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`--calendars ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const valid = (entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as CalendarInput).id === 'string' &&
    typeof (entry as CalendarInput).name === 'string';
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(valid))
    fail(`--calendars ${file}: a JSON array of calendars, each with an id and a name`);
  return parsed as CalendarInput[];
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        leadbridge: { type: 'string' },
        'timerex-token': { type: 'string' },
        'calendly-signing-key': { type: 'string' },
        'generic-secret': { type: 'string' },
        'outbound-secret': { type: 'string' },
        cadence: { type: 'string' },
        'retry-seconds': { type: 'string' },
        'time-zone': { type: 'string' },
        'booking-days': { type: 'string' },
        calendars: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const text = (name: string) => values[name] as string | undefined;
  const port = Number(text('port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
  const hooksUrl = text('leadbridge') ?? DEFAULT_HOOKS_URL;
  if (!URL.canParse(hooksUrl)) fail(`--leadbridge is not a URL: ${hooksUrl}`);
  const generated = () => randomBytes(24).toString('base64url');
  const target: LeadbridgeTarget = {
    hooksUrl,
    timerexToken: text('timerex-token') ?? generated(),
    calendlySigningKey: text('calendly-signing-key') ?? generated(),
    genericSecret: text('generic-secret') ?? generated(),
    outboundSecret: text('outbound-secret') ?? generated(),
  };
  const timeZone = text('time-zone');
  const calendarsFile = text('calendars');
  const calendars = calendarsFile ? readCalendars(calendarsFile) : DEFAULT_CALENDARS;
  const scheduler = await startDemoScheduler({
    port,
    leadbridge: target,
    calendars: timeZone ? calendars.map((c) => ({ ...c, timeZone })) : calendars,
    attemptCadenceSeconds: seconds(text('cadence'), 'cadence', 3),
    bookingDays: bookingDays(text('booking-days')),
    retry: { firstDelayMs: seconds(text('retry-seconds'), 'retry-seconds', 10) * 1000 },
  });
  process.stdout.write(setupInstructions(scheduler, target));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void scheduler.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
