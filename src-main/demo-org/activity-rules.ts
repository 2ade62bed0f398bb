// Task and Event rules beyond what describe says: what an activity may be about (WhoId), the
// fields Salesforce derives on save (a Task's IsClosed; an Event's ActivityDateTime,
// ActivityDate, EndDateTime and DurationInMinutes), and an Event's need for a start and an end.
import { fail, ok, type Checked } from './save-result';
import type { SfRecord } from './schema-types';
import { DAY_MS, formatDate, formatDateTime, parseDateTime } from './sf-datetime';

type Find = (id: string) => { object: string; record: SfRecord } | undefined;

/** The Task statuses the org marks "Closed". */
const CLOSED_TASK_STATUSES = new Set(['Completed']);
const MINUTE_MS = 60_000;

export function isActivity(object: string): boolean {
  return object === 'Task' || object === 'Event';
}

/**
 * Checks an activity save and adds the derived fields. `values` are the typed values of this
 * save; `existing` the stored record on an update.
 */
export function checkActivity(
  object: string,
  values: SfRecord,
  existing: SfRecord | undefined,
  find: Find,
): Checked<SfRecord> {
  const who = typeof values.WhoId === 'string' ? find(values.WhoId) : undefined;
  // A converted Lead lives on as a Contact: activities go there (Salesforce's wording).
  if (who?.object === 'Lead' && who.record.IsConverted === true)
    return fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
  if (object === 'Task') return ok(withTaskDerived(values, existing));
  return eventTiming(values, existing);
}

function withTaskDerived(values: SfRecord, existing: SfRecord | undefined): SfRecord {
  const status = values.Status ?? existing?.Status;
  return { ...values, IsClosed: typeof status === 'string' && CLOSED_TASK_STATUSES.has(status) };
}

/**
 * An Event needs a start and, unless it lasts all day, an end given as EndDateTime or
 * DurationInMinutes (both may be sent when they agree); Salesforce fills in the other, and
 * ActivityDateTime / ActivityDate from the start.
 */
function eventTiming(values: SfRecord, existing: SfRecord | undefined): Checked<SfRecord> {
  const allDay = (values.IsAllDayEvent ?? existing?.IsAllDayEvent) === true;
  const startText = values.StartDateTime ?? values.ActivityDateTime ?? existing?.StartDateTime;
  const start = typeof startText === 'string' ? parseDateTime(startText) : null;
  if (start === null) {
    if (allDay && typeof (values.ActivityDate ?? existing?.ActivityDate) === 'string')
      return ok(values);
    return fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [StartDateTime]', [
      'StartDateTime',
    ]);
  }
  const endText = values.EndDateTime;
  const end = typeof endText === 'string' ? parseDateTime(endText) : null;
  const minutes = typeof values.DurationInMinutes === 'number' ? values.DurationInMinutes : null;
  let duration: number | null;
  if (end !== null && minutes !== null && end - start !== minutes * MINUTE_MS)
    return fail(
      'FIELD_INTEGRITY_EXCEPTION',
      'Duration: the end date time and the duration in minutes do not agree',
      ['DurationInMinutes'],
    );
  if (end !== null) duration = (end - start) / MINUTE_MS;
  else if (minutes !== null) duration = minutes;
  else {
    // An update that moves only the start keeps the Event's length.
    const kept = existing?.DurationInMinutes;
    duration = typeof kept === 'number' ? kept : allDay ? DAY_MS / MINUTE_MS : null;
  }
  if (duration === null)
    return fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [DurationInMinutes]', [
      'DurationInMinutes',
    ]);
  if (duration < 0)
    return fail('FIELD_INTEGRITY_EXCEPTION', 'End Date Time: the end is before the start', [
      'EndDateTime',
    ]);
  return ok({
    ...values,
    StartDateTime: formatDateTime(start),
    ActivityDateTime: formatDateTime(start),
    ActivityDate: formatDate(start),
    EndDateTime: formatDateTime(start + duration * MINUTE_MS),
    DurationInMinutes: duration,
  });
}
