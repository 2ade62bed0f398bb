import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock';
import { EventEmitter } from 'node:events';
import type { PowerMonitor } from 'electron';
import { waitForNetwork, wakeSyncOnResume } from './network-wait';

describe('waiting for the network after a wake', () => {
  it('answers at once when the machine is online', async () => {
    await expect(waitForNetwork({ isOnline: () => true, clock: new FakeClock() })).resolves.toBe(
      true,
    );
  });

  it('looks again with a growing pause until the network is back', async () => {
    const clock = new FakeClock();
    let online = false;
    const isOnline = vi.fn(() => online);
    const waiting = waitForNetwork({ isOnline, clock, firstDelayMs: 500 });
    clock.advance(500 + 1000);
    expect(isOnline).toHaveBeenCalledTimes(3);
    online = true;
    clock.advance(1999);
    expect(isOnline).toHaveBeenCalledTimes(3);
    clock.advance(1);
    await expect(waiting).resolves.toBe(true);
    expect(isOnline).toHaveBeenCalledTimes(4);
  });

  it('gives up after the longest wait, so the sync runs and says what failed', async () => {
    const clock = new FakeClock();
    const isOnline = vi.fn(() => false);
    const waiting = waitForNetwork({ isOnline, clock, firstDelayMs: 500, maxWaitMs: 10_000 });
    clock.advance(10_000);
    await expect(waiting).resolves.toBe(false);
    expect(clock.nextTimerAt()).toBeUndefined();
  });
});

describe('waking the sync on resume', () => {
  it('wakes the sync only once the network is back', async () => {
    const clock = new FakeClock();
    const powerMonitor = new EventEmitter();
    let online = false;
    const wake = vi.fn();
    wakeSyncOnResume(
      powerMonitor as unknown as Pick<PowerMonitor, 'on'>,
      { isOnline: () => online, clock, firstDelayMs: 500 },
      wake,
    );
    powerMonitor.emit('resume');
    clock.advance(1500);
    await Promise.resolve();
    expect(wake).not.toHaveBeenCalled();
    online = true;
    clock.advance(2000);
    await vi.waitFor(() => expect(wake).toHaveBeenCalledTimes(1));
  });
});
