// /oauth/callback answers anyone (the state guards it): a flood of refused callbacks must
// neither fill the log nor rewrite the Connection screen while no sign-in is in progress.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../src-preload/contract';
import { REFUSAL_WINDOW_MS } from '../../../src-main/core/salesforce/callback-refusal-log';
import { FakeClock } from '../../support/fake-clock';
import { createRecordingLogger, type RecordingLogger } from '../../support/silent-logger';
import { createTestCore } from '../../support/test-core';

const redirect = 'http://localhost:4780/oauth/callback';
/** Ten long, distinct parameter names per request, as a careless or hostile sender might. */
const forged = (n: number) =>
  `${redirect}?state=forged${n}&code=x&${Array.from({ length: 10 }, (_, i) => `${'p'.repeat(600)}${i}=1`).join('&')}`;

let clock: FakeClock;
let logger: RecordingLogger;
let core: Awaited<ReturnType<typeof createTestCore>>;

beforeEach(async () => {
  clock = new FakeClock();
  logger = createRecordingLogger();
  core = await createTestCore({ clock, logger });
});
afterEach(() => core.dispose());

const refusalEntries = () => core.log.list({ limit: 1000, kinds: ['connection.rejected'] }).entries;
const refusalLines = () =>
  logger.lines.filter((line) => line.message === 'oauth callback rejected');
const refuse = async (count: number) => {
  for (let n = 0; n < count; n++) await core.connection.handleCallback(forged(n)).catch(() => {});
};

describe('refused sign-in callbacks', () => {
  it('write at most one log entry and one stderr line a minute, with a count, however many arrive', async () => {
    await refuse(1000);
    expect(refusalEntries()).toHaveLength(1);
    expect(refusalLines()).toHaveLength(1);

    clock.advance(REFUSAL_WINDOW_MS);
    const [latest] = refusalEntries();
    expect(refusalEntries()).toHaveLength(2);
    expect(refusalLines()).toHaveLength(2);
    expect(latest?.details).toMatchObject({ count: 999, codes: { OAUTH_UNKNOWN_STATE: 999 } });

    clock.advance(10 * REFUSAL_WINDOW_MS);
    expect(refusalEntries()).toHaveLength(2);
    const bytes = JSON.stringify(refusalEntries()).length;
    expect(bytes).toBeLessThan(4_000);
  });

  it('keep few and short parameter names', async () => {
    await refuse(1);
    const parameters = refusalEntries()[0]?.details.parameters as string[];
    expect(parameters.length).toBeLessThanOrEqual(10);
    for (const name of parameters) expect(name.length).toBeLessThanOrEqual(40);
  });

  it('write what the last minute counted when the app closes', async () => {
    await refuse(3);
    core.close();
    expect(refusalLines().at(-1)?.facts).toMatchObject({ count: 2 });
  });

  it('leave the Connection screen alone while no sign-in is in progress', async () => {
    const before = core.connection.status();
    const changes: ConnectionStatus[] = [];
    core.connection.onChange((status) => changes.push(status));
    await refuse(5);
    expect(core.connection.status()).toEqual(before);
    expect(before.problem).toBeNull();
    expect(changes).toHaveLength(0);
  });

  it('still say on the Connection screen why a callback was refused during a sign-in', async () => {
    await core.handlers['connection:connect']({ org: 'production' });
    expect(core.connection.status().state).toBe('connecting');
    await refuse(1);
    expect(core.connection.status()).toMatchObject({
      state: 'connecting',
      problem: expect.stringMatching(/not the one Leadbridge is waiting for/),
    });
  });
});
