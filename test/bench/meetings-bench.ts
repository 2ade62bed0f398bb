/**
 * What instance writes cost a channel run: opening, re-opening (idempotent) and deactivating
 * instances inside one transaction, as the runner will, and searching the Meetings view.
 * Usage: npm run bench:meetings [-- --instances N]
 */
import { InstanceWrites } from '../../src-main/core/meetings/instance-writes';
import { createMeetingsStore, leadId } from '../support/meetings-store';
import { makeTempDirectory } from '../support/temp-directory';
import { printFigures } from './figure-table';

const flag = process.argv.indexOf('--instances');
const count = flag > 0 ? Number(process.argv[flag + 1]) : 5000;
const temp = makeTempDirectory('lb-meetings-bench');
const store = createMeetingsStore(`${temp.path}/bench.db`);
const type = store.meetingTypes.create({ name: 'Intro', hosts: ['a@example.com'], calendar: null });
const cause = { kind: 'channel', id: '1', name: 'Import' } as const;

/** Microseconds per call of `work`, all calls in one transaction. */
function perCall(work: (index: number, writes: InstanceWrites) => void): number {
  const writes = new InstanceWrites();
  const started = performance.now();
  store.db.transaction(() => {
    for (let index = 0; index < count; index += 1) work(index, writes);
  })();
  const elapsed = performance.now() - started;
  store.instances.publish(writes);
  return (elapsed * 1000) / count;
}

const open = (index: number, writes: InstanceWrites) =>
  store.instances.openInstance(
    {
      recordId: leadId(index),
      email: null,
      meetingTypeId: type.id,
      status: 'initialized',
      reason: 'Imported',
      cause,
    },
    writes,
  );
const opened = perCall(open);
const repeated = perCall(open);
const deactivated = perCall((index, writes) =>
  store.instances.deactivateOpen(leadId(index), 'all', { reason: 'Intercepted', cause }, writes),
);
const searchMs = (query: Parameters<typeof store.instances.search>[0]) => {
  const started = performance.now();
  for (let run = 0; run < 20; run += 1) store.instances.search(query);
  return (performance.now() - started) / 20;
};
const page = { query: '', limit: 100, offset: 0 };

printFigures(`Instances (${count.toLocaleString()} Leads, one meeting type)`, [
  ['openInstance, new (with history and log entry)', `${opened.toFixed(0)} µs`, ''],
  ['openInstance, already open (idempotent)', `${repeated.toFixed(0)} µs`, ''],
  ['deactivateOpen, one open instance', `${deactivated.toFixed(0)} µs`, ''],
  ['search: first page of 100', `${searchMs(page).toFixed(1)} ms`, ''],
  ['search: text in name or email', `${searchMs({ ...page, query: 'example' }).toFixed(1)} ms`, ''],
  ['search: by status', `${searchMs({ ...page, statuses: ['deactivated'] }).toFixed(1)} ms`, ''],
]);
store.db.close();
temp.remove();
