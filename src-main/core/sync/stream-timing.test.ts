import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { Backoff, Debouncer, STREAM_SYNCS_PER_DAY, streamSyncTiming } from './stream-timing';

const unpaced = { quietMs: 500, maxWaitMs: 2_000, minIntervalMs: 0 };

describe('Debouncer', () => {
  it('fires once, a quiet period after the last of a burst', () => {
    const clock = new FakeClock();
    let fired = 0;
    const debounce = new Debouncer(clock, unpaced, () => (fired += 1));
    debounce.trigger();
    clock.advance(300);
    debounce.trigger();
    clock.advance(300);
    expect(fired).toBe(0);
    clock.advance(200);
    expect(fired).toBe(1);
    clock.advance(5_000);
    expect(fired).toBe(1);
  });

  it('fires within the maximum wait when the calls never pause', () => {
    const clock = new FakeClock();
    const firedAt: number[] = [];
    const start = clock.now();
    const debounce = new Debouncer(clock, unpaced, () => firedAt.push(clock.now() - start));
    for (let t = 0; t < 5_000; t += 200) {
      debounce.trigger();
      clock.advance(200);
    }
    expect(firedAt).toEqual([2_000, 4_000]);
  });

  it('forgets a pending call when cancelled', () => {
    const clock = new FakeClock();
    let fired = 0;
    const debounce = new Debouncer(clock, unpaced, () => (fired += 1));
    debounce.trigger();
    debounce.cancel();
    clock.advance(10_000);
    expect(fired).toBe(0);
  });
});

describe('stream sync pacing', () => {
  /** Calls once every `everyMs` for `forMs`; returns each call's wait until the firing after it. */
  function trickle(everyMs: number, forMs: number) {
    const clock = new FakeClock();
    const waits: number[] = [];
    let pending: number[] = [];
    let firings = 0;
    const debounce = new Debouncer(clock, streamSyncTiming, () => {
      firings += 1;
      waits.push(...pending.map((at) => clock.now() - at));
      pending = [];
    });
    for (let t = 0; t < forMs; t += everyMs) {
      pending.push(clock.now());
      debounce.trigger();
      clock.advance(everyMs);
    }
    const sorted = waits.sort((a, b) => a - b);
    return { firings, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
  }

  it('a day of one edit every 5 s costs at most the daily cap, with the median wait under 5 s', () => {
    const day = trickle(5_000, 86_400_000);
    expect(day.firings).toBeLessThanOrEqual(STREAM_SYNCS_PER_DAY);
    expect(STREAM_SYNCS_PER_DAY).toBeLessThanOrEqual(0.1 * 100_000);
    expect(day.median).toBeLessThanOrEqual(5_000);
    expect(day.max).toBeLessThanOrEqual(10_000);
  });

  it('a lone edit still fires after the quiet period, a second soon after waits its turn', () => {
    const clock = new FakeClock();
    const firedAt: number[] = [];
    const start = clock.now();
    const debounce = new Debouncer(clock, streamSyncTiming, () =>
      firedAt.push(clock.now() - start),
    );
    debounce.trigger();
    clock.advance(3_000);
    debounce.trigger();
    clock.advance(60_000);
    debounce.trigger();
    clock.advance(1_000);
    expect(firedAt).toEqual([500, 500 + streamSyncTiming.minIntervalMs, 63_500]);
  });
});

describe('Backoff', () => {
  it('doubles from 1 s up to 60 s, and starts over after a reset', () => {
    const backoff = new Backoff();
    const waits = Array.from({ length: 9 }, () => backoff.next());
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });
});
