import type { PowerMonitor } from 'electron';
import type { Clock } from '../core/ports';

export interface NetworkWaitOptions {
  /** Electron's `net.isOnline()`: false while no network interface is up. */
  isOnline(): boolean;
  clock: Clock;
  /** The first pause between looks; each next one doubles. */
  firstDelayMs?: number;
  /** Gives up after this long: a sync then fails as it would have, and says why. */
  maxWaitMs?: number;
}

/**
 * Resolves once the machine is online (true), or when the wait is over (false). Waking from
 * sleep, Wi-Fi takes seconds to come back: a sync started at once only fails and backs off.
 */
export function waitForNetwork(options: NetworkWaitOptions): Promise<boolean> {
  const { clock } = options;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const started = clock.now();
  return new Promise((resolve) => {
    const look = (delayMs: number) => {
      if (options.isOnline()) return resolve(true);
      const left = maxWaitMs - (clock.now() - started);
      if (left <= 0) return resolve(false);
      clock.setTimer(() => look(delayMs * 2), Math.min(delayMs, left));
    };
    look(options.firstDelayMs ?? 500);
  });
}

/**
 * A timer that fell due while the machine slept fires late or not at all: on each wake the
 * sync is told, once the network is back (or the wait is over).
 */
export function wakeSyncOnResume(
  powerMonitor: Pick<PowerMonitor, 'on'>,
  network: NetworkWaitOptions,
  wake: () => void,
): void {
  powerMonitor.on('resume', () => {
    void waitForNetwork(network).then(wake);
  });
}
