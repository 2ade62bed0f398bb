// What to paste into Leadbridge's settings so it and the scheduler talk to each other.
import type { DemoSchedulerHandle } from './index';
import type { LeadbridgeTarget } from './options';
import { platformCalendarId } from './options';

export function setupInstructions(
  scheduler: Pick<DemoSchedulerHandle, 'url' | 'calendars'>,
  target: LeadbridgeTarget,
): string {
  const receiver = new URL(target.hooksUrl);
  const secret = (value: string | null) => value ?? '(not set: its webhooks wait until it is)';
  const width = Math.max(...scheduler.calendars.map((calendar) => calendar.name.length));
  const calendars = scheduler.calendars.map(
    (calendar) =>
      `  ${calendar.name.padEnd(width)}  calendar id ${platformCalendarId(calendar)}\n` +
      `  ${''.padEnd(width)}  booking page ${scheduler.url}/book/${calendar.id}`,
  );
  return [
    `Demo scheduler: ${scheduler.url}`,
    `Sends webhooks to ${target.hooksUrl.replace(/\/+$/, '')}/hooks/<timerex|calendly|generic>`,
    '',
    'In Leadbridge, Settings → Meeting platform:',
    `  Webhook receiver      on, port ${receiver.port || '80'}, bind address ${receiver.hostname}`,
    `  TimeRex token         ${secret(target.timerexToken)}`,
    `  Calendly signing key  ${secret(target.calendlySigningKey)}`,
    `  Generic secret        ${secret(target.genericSecret)}`,
    `  Outbound secret       ${secret(target.outboundSecret)}`,
    `  Outbound URL          ${scheduler.url}/platform/instance-events`,
    '',
    'Give a meeting type the calendar it books (Meetings → meeting type → calendar):',
    ...calendars,
    '',
  ].join('\n');
}
