// Injected faults: the failures a real org produces now and then, on demand, so the client's
// retry, refresh and watermark logic can be tested deterministically.
import type { Random } from './prng';

export const FAULT_KINDS = [
  'expired-session',
  '500',
  '503',
  'request-limit-exceeded',
  'slow',
  'reset',
  'malformed-json',
  'late-commit',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** How many more requests it hits; null when driven by ratio. */
  remaining: number | null;
  ratio: number | null;
  ms: number;
  /** Only requests whose path contains this text are hit. */
  match: string | null;
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  constructor(private readonly random: Random) {}

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault hitting this request, if any; counted rules are used up in order. */
  take(path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.match !== null && !path.includes(rule.match)) continue;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
        return rule;
      }
      if (rule.ratio !== null && this.random() < rule.ratio) return rule;
    }
    return null;
  }
}
