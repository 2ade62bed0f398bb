const byDomain: Record<string, string> = {
  app: 'gray',
  connection: 'violet',
  sync: 'blue',
  lead: 'teal',
  channel: 'grape',
  instance: 'indigo',
  'meeting-type': 'indigo',
  writeback: 'orange',
  booking: 'cyan',
};

/** Failures stand out whatever their domain; otherwise the domain picks the colour. */
export function logKindColor(kind: string): string {
  if (/(^|\.)(failed|error|rejected)($|\.)/.test(kind)) return 'red';
  return byDomain[kind.split('.')[0] ?? ''] ?? 'gray';
}
