import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformEventSchema } from '../../src-preload/contract';
import { sign } from '../../src-main/core/platform/webhook-signature';
import { HooksHost } from '../../src-main/hooks-host/hooks-host';
import { freePort } from '../support/free-port';
import { createIntakeFixture, intakeSecrets } from '../support/intake-fixture';
import { platformFixture } from '../support/platform-fixtures';
import { createRecordingLogger } from '../support/silent-logger';

// Whatever arrives — bytes, JSON of any shape, a real payload with one field broken, any
// header — the intake answers a 2xx or a 4xx, never throws, and stores nothing it could not
// authenticate.

const SOURCES = ['timerex', 'calendly', 'generic'] as const;
type Source = (typeof SOURCES)[number];
const FIXTURES: Record<Source, string[]> = {
  timerex: ['timerex-event-confirmed', 'timerex-event-cancelled'],
  calendly: [
    'calendly-invitee-created',
    'calendly-invitee-created-rescheduled',
    'calendly-invitee-canceled',
    'calendly-invitee-canceled-rescheduled',
    'calendly-invitee-no-show-created',
  ],
  generic: ['generic-booking-created', 'generic-booking-rescheduled', 'generic-attempt-invite'],
};
const PROOF_HEADERS = [
  'x-timerex-authorization',
  'calendly-webhook-signature',
  'leadbridge-signature',
];

type Json = ReturnType<typeof JSON.parse>;

/** Every path to a value inside `value`, the root included. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value))
    return here.concat(...value.map((item, i) => paths(item, [...prefix, i])));
  if (value !== null && typeof value === 'object') {
    return here.concat(
      ...Object.entries(value).map(([key, item]) => paths(item, [...prefix, key])),
    );
  }
  return here;
}

/** `value` with the thing at `path` replaced by `replacement`, or removed when undefined. */
function mutate(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

const anyBody = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 500 }).map((text) => Buffer.from(text)),
);

/** A real payload of the source with one value replaced by any JSON, or removed. */
const brokenPayload = (source: Source) =>
  fc
    .record({
      fixture: fc.constantFrom(...FIXTURES[source]),
      pick: fc.nat(),
      replacement: fc.option(fc.jsonValue(), { nil: undefined }),
    })
    .map(({ fixture, pick, replacement }) => {
      const body = platformFixture(fixture);
      const all = paths(body);
      return Buffer.from(JSON.stringify(mutate(body, all[pick % all.length]!, replacement)));
    });

const anyHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...PROOF_HEADERS, 'content-type', 'Authorization'),
    fc.string({ maxLength: 30 }),
  ),
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }),
    fc.constantFrom(
      undefined,
      `t=1764479565,v1=${'a'.repeat(64)}`,
      't=,v1=',
      'v1=' + 'f'.repeat(64),
    ),
  ),
  { maxKeys: 6 },
);

function validProof(source: Source, body: Buffer, nowMs: number): Record<string, string> {
  const t = Math.floor(nowMs / 1000);
  if (source === 'timerex') return { 'x-timerex-authorization': intakeSecrets.timerex_token };
  if (source === 'calendly') {
    return { 'calendly-webhook-signature': sign(intakeSecrets.calendly_signing_key, body, t) };
  }
  return { 'leadbridge-signature': sign(intakeSecrets.generic_secret, body, t) };
}

describe('WebhookIntake under fuzzed input', () => {
  it('never throws, never answers 5xx, and stores nothing without a valid token or signature', async () => {
    const { intake, stored, close } = createIntakeFixture();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...SOURCES, 'manual', 'zoom', '__proto__'),
          fc.string({ maxLength: 20 }),
        ),
        anyHeaders,
        fc.oneof(anyBody, brokenPayload('generic'), brokenPayload('calendly')),
        async (source, headers, body) => {
          const answer = await intake.receive(source, headers, body);
          expect([401, 404]).toContain(answer.status);
          expect(answer.body).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
        },
      ),
      { numRuns: 400 },
    );
    expect(stored()).toBe(0);
    close();
  });

  it('with a valid proof, answers 200 (a PlatformEvent stored once) or 400 with a reason, for any body', async () => {
    const { intake, stored, inbox, clock, close } = createIntakeFixture();
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...SOURCES)
          .chain((source) =>
            fc.tuple(fc.constant(source), fc.oneof(anyBody, brokenPayload(source))),
          ),
        async ([source, body]) => {
          const before = stored();
          const answer = await intake.receive(source, validProof(source, body, clock.now()), body);
          expect([200, 400]).toContain(answer.status);
          if (answer.status === 400) {
            expect(answer.body).toMatchObject({
              error: { code: 'MALFORMED_BODY', message: expect.stringMatching(/\S/) },
            });
            expect(stored()).toBe(before);
          } else {
            const { duplicate } = answer.body as { duplicate: boolean };
            expect(stored()).toBe(duplicate ? before : before + 1);
          }
        },
      ),
      { numRuns: 400 },
    );
    for (const pending of inbox.pending(10_000)) platformEventSchema.parse(pending.event);
    close();
  });
});

describe('the hooks listener under fuzzed requests', () => {
  const fixture = createIntakeFixture();
  const host = new HooksHost({
    intake: fixture.intake,
    report: () => {},
    logger: createRecordingLogger(),
  });
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    await host.apply({ enabled: true, port, bindAddress: '127.0.0.1' });
  });
  afterAll(async () => {
    await host.stop();
    fixture.close();
  });

  const send = (method: string, path: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, method, path, headers, agent: false },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(method === 'GET' || method === 'HEAD' ? undefined : body);
    });

  const tokenChars = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}$/);
  const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,120}$/);

  it('answers every method, path, header and body with a 2xx or 4xx, stays up, and stores nothing unauthenticated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.oneof(
          fc.constantFrom(
            '/hooks/timerex',
            '/hooks/calendly',
            '/hooks/generic',
            '/hooks/zoom',
            '/',
            '/api/app:info',
          ),
          fc.webPath(),
          fc.stringMatching(/^\/(hooks\/)?[\x21-\x7e]{0,60}$/),
        ),
        fc.dictionary(fc.oneof(fc.constantFrom(...PROOF_HEADERS), tokenChars), headerValue, {
          maxKeys: 5,
        }),
        anyBody,
        async (method, path, headers, body) => {
          delete (headers as Record<string, string>)['content-length'];
          delete (headers as Record<string, string>)['transfer-encoding'];
          delete (headers as Record<string, string>)['host'];
          const status = await send(
            method,
            path.startsWith('/') ? path : `/${path}`,
            headers,
            body,
          );
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 250 },
    );
    expect(fixture.stored()).toBe(0);
    const body = Buffer.from(JSON.stringify(platformFixture('timerex-event-confirmed')));
    expect(await send('POST', '/hooks/timerex', validProof('timerex', body, 0), body)).toBe(200);
    expect(fixture.stored()).toBe(1);
  });
});
