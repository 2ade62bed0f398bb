const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const withYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** For a table cell: "Today, 3:18 PM", "Nov 21, 9:00 AM", or "Nov 21, 2023" for older years. */
export function formatShortTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (date.toDateString() === now.toDateString()) return `Today, ${timeOfDay.format(date)}`;
  if (date.getFullYear() === now.getFullYear()) return dayAndTime.format(date);
  return withYear.format(date);
}
