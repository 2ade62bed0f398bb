// The org's daily API allowance, as reported by /limits and the Sforce-Limit-Info header.
import type { OrgSettings } from './org-state';
import { startOfUtcDay } from './sf-datetime';

export class ApiUsage {
  private day = -1;
  used = 0;

  constructor(
    private readonly settings: OrgSettings,
    private readonly now: () => number,
  ) {}

  private roll(): void {
    const today = startOfUtcDay(this.now());
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }

  /** Counts one call; false when the day's allowance was already spent (the call is refused). */
  count(): boolean {
    this.roll();
    if (this.used >= this.settings.dailyApiLimit) return false;
    this.used += 1;
    return true;
  }

  get max(): number {
    return this.settings.dailyApiLimit;
  }

  get remaining(): number {
    this.roll();
    return Math.max(0, this.settings.dailyApiLimit - this.used);
  }

  header(): string {
    this.roll();
    return `api-usage=${this.used}/${this.settings.dailyApiLimit}`;
  }

  /** Lets tests start from a nearly exhausted allowance. */
  setUsed(used: number): void {
    this.roll();
    this.used = Math.max(0, Math.floor(used));
  }
}
