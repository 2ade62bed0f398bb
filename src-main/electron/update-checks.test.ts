import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock';
import { createRecordingLogger } from '../../test/support/silent-logger';
import { scheduleUpdateChecks, type UpdaterPort } from './update-checks';

const DAY_MS = 24 * 60 * 60_000;

class FakeUpdater extends EventEmitter {
  checkForUpdates = vi.fn(async (): Promise<null> => null);
}

function setUp(patch: { packaged?: boolean; syncIdle?: () => Promise<void> } = {}) {
  const updater = new FakeUpdater();
  const clock = new FakeClock();
  const logger = createRecordingLogger();
  const onDownloaded = vi.fn();
  const getUpdater = vi.fn(() => updater as unknown as UpdaterPort);
  const stop = scheduleUpdateChecks({
    packaged: patch.packaged ?? true,
    updater: getUpdater,
    clock,
    logger,
    syncIdle: patch.syncIdle ?? (async () => undefined),
    onDownloaded,
  });
  return { updater, getUpdater, clock, logger, onDownloaded, stop };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('update checks', () => {
  it('checks at start and then once a day', async () => {
    const { updater, clock } = setUp();
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    clock.advance(DAY_MS - 1);
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    clock.advance(DAY_MS);
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('never checks in a development build', async () => {
    const { updater, getUpdater, clock } = setUp({ packaged: false });
    clock.advance(3 * DAY_MS);
    await settle();
    expect(getUpdater).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.listenerCount('update-downloaded')).toBe(0);
  });

  it('waits for a running sync to end before checking', async () => {
    let syncEnds!: () => void;
    const syncIdle = vi.fn(() => new Promise<void>((resolve) => (syncEnds = resolve)));
    const { updater } = setUp({ syncIdle });
    await settle();
    expect(syncIdle).toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    syncEnds();
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('logs a failed check instead of throwing, and tries again the next day', async () => {
    const { updater, clock, logger } = setUp();
    updater.checkForUpdates.mockImplementation(async () => {
      updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    await settle();
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'update failed' }),
    );
    clock.advance(DAY_MS);
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('says when an update is downloaded, so the user can restart to install it', () => {
    const { updater, onDownloaded } = setUp();
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(onDownloaded).toHaveBeenCalledWith('1.2.0');
  });

  it('stops checking once stopped', async () => {
    const { updater, clock, stop } = setUp();
    await settle();
    stop();
    clock.advance(2 * DAY_MS);
    await settle();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });
});
