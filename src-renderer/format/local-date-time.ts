/**
 * `<input type="datetime-local">` speaks the computer's local wall time without a zone
 * ("2026-12-01T16:00"); the contract speaks ISO instants. These convert between the two.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the input shows it, in the computer's time zone; '' for no or a bad value. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The input's local wall time as an ISO instant; null while it is empty or incomplete. */
export function fromLocalInput(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** `minutes` after an ISO instant, as an ISO instant. */
export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
