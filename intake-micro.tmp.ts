import { createTestCore } from './test/support/test-core';
import { genericBooking, genericHeaders } from './test/support/generic-webhooks';
const core = await createTestCore();
await core.platform.service.setSecret('generic_secret', 'intake-bench-generic-secret');
const N = 3000;
const reqs = Array.from({ length: N }, (_, n) => {
  const { body } = genericBooking(`m-${n}`, { id: 'c', name: 'c' }, { email: `g${n}@e.com`, firstName: 'a', lastName: 'b', company: 'c' }, new Date(), 'h@e.com');
  return { headers: { 'leadbridge-signature': genericHeaders('intake-bench-generic-secret', body)['Leadbridge-Signature'] }, body: Buffer.from(body) };
});
const cpu0 = process.cpuUsage(); const t = performance.now();
let ok = 0;
for (const r of reqs) { const a = await core.platform.intake.receive('generic', r.headers, r.body); if (a.status === 200) ok++; else if (ok === 0) console.log(a); }
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0); console.log("cpu µs each", ((cpu.user + cpu.system) / N).toFixed(0), "sys", (cpu.system/N).toFixed(0)); console.log(ok, `${(ms / N * 1000).toFixed(0)} µs each`, `${Math.round(N / ms * 1000)}/s`);
core.dispose();
