export interface ApiUsageLook {
  /** 0–100, for the bar. */
  percent: number;
  color: 'blue' | 'yellow' | 'red';
  /** "1,200 / 15,000 (8%)" */
  label: string;
}

/**
 * Salesforce refuses every call once the daily allocation is spent, sync included, so the
 * bar warns well before: yellow from 75 %, red from 90 %.
 */
export function apiUsageLook(used: number, max: number): ApiUsageLook {
  const ratio = max > 0 ? used / max : 0;
  const percent = Math.min(100, Math.max(0, ratio * 100));
  const color = ratio >= 0.9 ? 'red' : ratio >= 0.75 ? 'yellow' : 'blue';
  const shown = percent > 0 && percent < 1 ? '<1' : String(Math.floor(percent));
  return {
    percent,
    color,
    label: `${used.toLocaleString()} / ${max.toLocaleString()} (${shown}%)`,
  };
}
