import { wholeNumberRule, type WholeNumberRange } from '../../../src-preload/contract';

const plainDigits = /^(0|[1-9]\d*)$/;
const groupedDigits = /^[1-9]\d{0,2}(,\d{3})+$/;

/**
 * What a person typed, read as a whole number in range; null for anything else. Nothing is
 * rounded, clamped or guessed: `1.5` is not 15 and `5` % is not 10 %. Thousands separators
 * are read only where Leadbridge writes them (`200,000` Leads), and only in threes.
 */
export function readWholeNumber(text: string, range: WholeNumberRange): number | null {
  const typed = text.trim();
  if (!plainDigits.test(typed) && !(range.grouped && groupedDigits.test(typed))) return null;
  const value = Number(typed.replaceAll(',', ''));
  return value >= range.min && value <= range.max ? value : null;
}

/** The inline message under a field that does not read: "Enter whole minutes from 1 to 60." */
export function wholeNumberMessage(range: WholeNumberRange): string {
  return `Enter ${wholeNumberRule(range)}.`;
}
