// How the pages write a time: on the calendar's wall clock, with the zone named.

export const dayLabel = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(ms);

export const timeLabel = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);

export const whenLabel = (startMs: number, endMs: number, zone: string) =>
  `${dayLabel(startMs, zone)}, ${timeLabel(startMs, zone)}–${timeLabel(endMs, zone)} (${zone})`;
