/** The browser's own zone: where the admin's "today" is, so the natural default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone this runtime knows, with the current one kept even if it is not listed. */
export function timeZoneChoices(current: string): string[] {
  const known = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  const zones = known ? known('timeZone') : ['UTC'];
  return zones.includes(current) ? zones : [current, ...zones];
}
