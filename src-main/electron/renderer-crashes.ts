import type { RenderProcessGoneDetails, WebContents } from 'electron';
import type { Clock, Logger } from '../core/ports';

/** A second loss this soon after a reload means reloading will not help. */
const CRASH_LOOP_MS = 60_000;

export interface RendererCrashOptions {
  contents: Pick<WebContents, 'on' | 'reload'>;
  clock: Clock;
  logger: Logger;
  /** The window keeps dying: tell the user (the sync goes on in the background). */
  tellUser(reason: RenderProcessGoneDetails['reason']): void;
}

/**
 * A window whose page process died shows nothing and answers nothing. It is reloaded once;
 * if it dies again within a minute the user is told instead of watching it flicker.
 */
export function recoverFromRendererCrashes(options: RendererCrashOptions): void {
  let lastReloadAt: number | undefined;
  options.contents.on('render-process-gone', (_event, details) => {
    // The page closing with the app is no crash.
    if (details.reason === 'clean-exit') return;
    const now = options.clock.now();
    const keepsDying = lastReloadAt !== undefined && now - lastReloadAt < CRASH_LOOP_MS;
    options.logger.error('renderer process gone', {
      reason: details.reason,
      exitCode: details.exitCode,
      action: keepsDying ? 'told the user' : 'reloaded',
    });
    if (keepsDying) {
      options.tellUser(details.reason);
      return;
    }
    lastReloadAt = now;
    options.contents.reload();
  });
}
