import type { Clock, Logger } from '../ports';
import type { LogRepository } from '../store/log-repository';

export const REFUSAL_WINDOW_MS = 60_000;
const MAX_PARAMETER_NAMES = 10;
const MAX_PARAMETER_NAME_LENGTH = 40;

interface Tally {
  count: number;
  codes: Record<string, number>;
  parameters: Set<string>;
}

/**
 * Refused sign-in callbacks in the activity log and on stderr, at most one entry a minute.
 * The callback route needs no token (the OAuth state guards it), so anyone who can reach it
 * can send thousands: the first refusal after a quiet minute is written at once, the
 * refusals that follow within the minute as one entry with their count.
 */
export class CallbackRefusalLog {
  #tally: Tally | undefined;
  #cancelTimer: (() => void) | undefined;

  constructor(private readonly deps: { log: LogRepository; logger: Logger; clock: Clock }) {}

  record(code: string, parameterNames: readonly string[]): void {
    if (this.#tally) {
      add(this.#tally, code, parameterNames);
      return;
    }
    const first = emptyTally();
    add(first, code, parameterNames);
    this.#write(first);
    this.#startWindow();
  }

  /** Writes what the current minute has counted so far; for shutdown. */
  close(): void {
    this.#cancelTimer?.();
    this.#endWindow(false);
  }

  #startWindow(): void {
    this.#tally = emptyTally();
    this.#cancelTimer = this.deps.clock.setTimer(() => this.#endWindow(true), REFUSAL_WINDOW_MS);
  }

  #endWindow(keepCounting: boolean): void {
    const tally = this.#tally;
    this.#tally = undefined;
    this.#cancelTimer = undefined;
    if (!tally || tally.count === 0) return;
    this.#write(tally);
    // A flood that goes on stays at one entry a minute.
    if (keepCounting) this.#startWindow();
  }

  #write(tally: Tally): void {
    const details = {
      count: tally.count,
      codes: tally.codes,
      parameters: [...tally.parameters],
    };
    this.deps.log.append('connection.rejected', null, details);
    this.deps.logger.warn('oauth callback rejected', details);
  }
}

function emptyTally(): Tally {
  return { count: 0, codes: {}, parameters: new Set() };
}

/** Parameter names come from whoever sent the request: few, and short, are kept. */
function add(tally: Tally, code: string, parameterNames: readonly string[]): void {
  tally.count += 1;
  tally.codes[code] = (tally.codes[code] ?? 0) + 1;
  for (const name of parameterNames) {
    if (tally.parameters.size >= MAX_PARAMETER_NAMES) break;
    tally.parameters.add(name.slice(0, MAX_PARAMETER_NAME_LENGTH));
  }
}
