import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { Backoff, Debouncer } from './stream-timing';

describe('Debouncer', () => {
  it('fires once, a quiet period after the last of a burst', () => {
    const clock = new FakeClock();
    let fired = 0;
    const debounce = new Debouncer(clock, 500, 2_000, () => (fired += 1));
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
    const debounce = new Debouncer(clock, 500, 2_000, () => firedAt.push(clock.now() - start));
    for (let t = 0; t < 5_000; t += 200) {
      debounce.trigger();
      clock.advance(200);
    }
    expect(firedAt).toEqual([2_000, 4_000]);
  });

  it('forgets a pending call when cancelled', () => {
    const clock = new FakeClock();
    let fired = 0;
    const debounce = new Debouncer(clock, 500, 2_000, () => (fired += 1));
    debounce.trigger();
    debounce.cancel();
    clock.advance(10_000);
    expect(fired).toBe(0);
    expect(debounce.pending()).toBe(false);
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
