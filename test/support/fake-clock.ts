import type { Clock } from '../../src-main/core/ports';

/** A clock tests move by hand: `advance` runs the timers that fall due, in order. */
export class FakeClock implements Clock {
  #timers: { at: number; callback: () => void; id: number }[] = [];
  #nextId = 0;

  constructor(public time = Date.parse('2026-11-22T09:00:00Z')) {}

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const id = (this.#nextId += 1);
    this.#timers.push({ at: this.time + ms, callback, id });
    return () => {
      this.#timers = this.#timers.filter((timer) => timer.id !== id);
    };
  }

  /** Moves time forward, firing each due timer at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.#timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  /** When the next timer would fire, or undefined. */
  nextTimerAt(): number | undefined {
    return this.#timers.reduce<number | undefined>(
      (min, timer) => (min === undefined || timer.at < min ? timer.at : min),
      undefined,
    );
  }
}
