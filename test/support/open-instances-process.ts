/**
 * A second process racing the test for the same instances: opens an instance for Leads
 * 0..count-1 of one meeting type in the database at argv[2], each call its own transaction,
 * and prints how many it created. Run with `node --import tsx`.
 */
import { createMeetingsStore, leadId } from './meetings-store';

const [file, meetingTypeId, count] = process.argv.slice(2);
const store = createMeetingsStore(file);
let created = 0;
for (let index = 0; index < Number(count); index += 1) {
  const result = store.instances.openInstance({
    recordId: leadId(index),
    email: null,
    meetingTypeId: Number(meetingTypeId),
    status: 'initialized',
    reason: `process ${process.pid}`,
    cause: { kind: 'channel', id: String(process.pid) },
  });
  if (result.created) created += 1;
}
store.db.close();
process.stdout.write(String(created));
