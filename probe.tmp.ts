import { startHeadlessHost } from './test/e2e/headless-host-fixture';
import { answerConsent } from './test/support/demo-consent';
import { slotDays } from './src-main/demo-scheduler/slots';
const host = await startHeadlessHost(['--demo']);
const call = (m: string, i?: unknown) => host.callJson<any>(m, i);
try {
  const { authorizeUrl } = await call('connection:connect', { org: 'demo' });
  const cb = new URL(await answerConsent(authorizeUrl, 'allow'));
  await fetch(`${host.origin}${cb.pathname}${cb.search}`);
  for (let i = 0; i < 100; i++) { const s = await call('sync:status'); if (s.state === 'idle' && s.lastRun) break; await new Promise(r => setTimeout(r, 300)); }
  const { channels } = await call('channels:list');
  const upd = channels.find((c: any) => c.kind === 'update');
  console.log('update channel', upd?.name, upd?.id);
  await call('channels:set-enabled', { channelId: upd.id, enabled: true });
  const state = await (await fetch(`${host.demoSchedulerUrl}/__admin/state`)).json();
  const cal = state.calendars[0];
  const form = await (await fetch(`${host.demoSchedulerUrl}/book/${cal.id}`)).text();
  const slot = /name="slot" value="(\d+)"/.exec(form)![1]!;
  const r = await fetch(`${host.demoSchedulerUrl}/book/${cal.id}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ slot, name: 'Pro Be', email: 'pro.be@example.com', company: 'Probe', answer: 'x' }).toString() });
  console.log('book', r.status);
  await new Promise(r => setTimeout(r, 8000));
  console.log(JSON.stringify((await call('platform:events', {})).events.map((e: any) => [e.state, e.outcome, e.error, e.meetingType, e.instanceId])));
  console.log(JSON.stringify((await call('bookings:list', {})).bookings.map((b: any) => [b.outcome, b.record, b.instanceId, b.event])));
  console.log(JSON.stringify((await call('instances:search', { query: '', limit: 10, offset: 0 })).instances.map((i: any) => [i.status, i.recordId, i.leadName ?? i.name])));
  console.log(JSON.stringify((await call('outbox:list', { limit: 20, offset: 0 })).items.map((i: any) => [i.kind, i.state, i.leadId, i.error?.message])));
  console.log(JSON.stringify((await call('log:list', { limit: 30 })).entries.filter((e: any) => ['channel.fired','instance.booked','lead.created'].includes(e.kind)), null, 1));
} finally { await host.stop(); }
