import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src-preload/contract';
import { describeLogEntry } from './describe-log-entry';

const LEAD = '00Q000000000001AAA';
const entry = (kind: string, subject: string | null, details: LogEntry['details']): LogEntry => ({
  id: 1,
  time: '2025-01-01T00:00:00Z',
  kind,
  subject,
  details,
});

describe('describeLogEntry', () => {
  it('reads a field change as "Field: old → new" under the Lead’s name', () => {
    const look = describeLogEntry(
      entry('lead.changed', LEAD, {
        name: 'Ada Lovelace',
        field: 'Status',
        from: 'Open',
        to: 'Working',
        systemModstamp: '2025-01-01T00:00:00Z',
      }),
    );
    expect(look).toEqual({
      subject: 'Ada Lovelace',
      summary: 'Status: Open → Working',
      leadId: LEAD,
    });
  });

  it('says why a Bulk API import started its query job again', () => {
    const look = describeLogEntry(
      entry('sync.bulk-job-restarted', null, {
        jobId: '750dM0000000001AAA',
        reason: 'The Bulk API query job 750dM0000000000AAA ended as Failed.',
      }),
    );
    expect(look.summary).toBe(
      'Bulk API query job started again: The Bulk API query job 750dM0000000000AAA ended as Failed.',
    );
  });

  it('shows an emptied or newly filled field with a dash, not a blank', () => {
    const look = describeLogEntry(
      entry('lead.changed', LEAD, { name: null, field: 'Email', from: null, to: 'a@b.co' }),
    );
    expect(look.summary).toBe('Email: — → a@b.co');
    expect(look.subject).toBe(LEAD);
  });

  it('says which org’s cached Leads a sign-in to another org deleted', () => {
    const look = describeLogEntry(
      entry('sync.cache-replaced', null, {
        from: '00DdM000000WdM1UAK',
        to: '00D5f000000AbCdEAK',
        leadsDeleted: 1200,
      }),
    );
    expect(look.summary).toBe(
      'Signed in to another org (00D5f000000AbCdEAK): deleted 1,200 cached Leads of 00DdM000000WdM1UAK; importing the new org',
    );
  });

  it('links only Lead entries whose subject is a Salesforce Id', () => {
    expect(describeLogEntry(entry('lead.created', LEAD, { name: 'Ada' })).leadId).toBe(LEAD);
    expect(describeLogEntry(entry('schema.field-removed', 'Lead', {})).leadId).toBeNull();
    expect(describeLogEntry(entry('connection.connected', 'dana@demo', {})).leadId).toBeNull();
  });

  it('summarizes a finished sync in words', () => {
    const look = describeLogEntry(
      entry('sync.completed', null, {
        trigger: 'manual',
        phase: 'incremental',
        records: 1,
        changes: 1,
        apiCalls: 2,
        durationMs: 44,
      }),
    );
    expect(look.summary).toBe('Incremental · 1 record · 1 change · 2 API calls · 44 ms · manual');
  });

  it('keeps the host’s failure message, which says what to do, and adds the retry', () => {
    const look = describeLogEntry(
      entry('sync.failed', null, {
        code: 'SALESFORCE_UNAVAILABLE',
        message: 'Salesforce did not answer.',
        retryInMinutes: 2,
      }),
    );
    expect(look.summary).toBe('Salesforce did not answer. Retrying in 2 min.');
  });

  it('names a renamed field and passes on the advice', () => {
    const look = describeLogEntry(
      entry('schema.field-renamed', 'Lead', {
        from: 'Score__c',
        to: 'Lead_Score__c',
        label: 'Score',
        advice: 'Update the channels that use it.',
      }),
    );
    expect(look.summary).toBe(
      'Field Score__c renamed to Lead_Score__c. Update the channels that use it.',
    );
  });

  it('reads a merge, a conversion and a removal as what happened in Salesforce', () => {
    const master = '00Q000000000002AAA';
    expect(
      describeLogEntry(entry('lead.merged', LEAD, { name: 'Ada', masterRecordId: master })),
    ).toEqual({ subject: 'Ada', leadId: LEAD, summary: `Merged into ${master} in Salesforce` });
    expect(
      describeLogEntry(
        entry('lead.converted', LEAD, {
          name: 'Ada',
          contactId: '003000000000001AAA',
          accountId: '001000000000001AAA',
          opportunityId: null,
        }),
      ).summary,
    ).toBe('Converted in Salesforce · Contact 003000000000001AAA · Account 001000000000001AAA');
    expect(describeLogEntry(entry('lead.removed', LEAD, { name: 'Ada' })).summary).toMatch(
      /no longer shows it/,
    );
  });

  it('reads a reconciliation as the drift it found and what it cost', () => {
    const details = {
      at: '2025-01-01T00:00:00Z',
      durationMs: 1200,
      orgLeads: 10_000,
      missing: 1,
      stale: 2,
      gone: 3,
      removed: 1,
      expired: 0,
      apiCalls: 6,
    };
    expect(describeLogEntry(entry('sync.reconciled', null, details)).summary).toBe(
      'Reconciled: 1 missing · 2 out of date · 3 gone (1 removed) · 10,000 Leads compared · 6 API calls · took 1.2 s',
    );
    const inStep = { ...details, missing: 0, stale: 0, gone: 0, removed: 0 };
    expect(describeLogEntry(entry('sync.reconciled', null, inStep)).summary).toMatch(
      /^Reconciled: In step with Salesforce · /,
    );
  });

  it('reads an instance change as its meeting type, move, reason and cause, linked to the Lead', () => {
    expect(
      describeLogEntry(
        entry('instance.activated', LEAD, {
          name: 'Ada',
          meetingType: 'Intro call',
          from: 'initialized',
          to: 'activated',
          reason: 'Met at the fair',
          cause: { kind: 'admin', id: null, name: null },
        }),
      ),
    ).toEqual({
      subject: 'Ada',
      leadId: LEAD,
      summary: '“Intro call” instance activated (was initialized) by an admin: Met at the fair.',
    });
    expect(
      describeLogEntry(
        entry('instance.initialized', LEAD, {
          meetingType: 'Intro call',
          from: null,
          to: 'initialized',
          reason: 'Status changed',
          cause: { kind: 'channel', id: '3', name: 'Working leads' },
        }),
      ).summary,
    ).toBe('New “Intro call” instance, initialized by channel “Working leads”: Status changed.');
  });

  it('reads a channel firing as a sentence under the Lead it acted on', () => {
    const look = describeLogEntry(
      entry('channel.fired', LEAD, {
        name: 'Ada',
        channel: 'Working leads',
        channelId: 3,
        meetingType: 'Intro call',
        effect: 'activated',
        reason: 'Status changed to Working - Contacted and Country is US.',
        changeId: 41,
      }),
    );
    expect(look).toEqual({
      subject: 'Ada',
      leadId: LEAD,
      summary:
        'Channel “Working leads” fired and activated an instance of “Intro call”: Status changed to Working - Contacted and Country is US.',
    });
  });

  it('names a Lead by its cached name when the entry was written before the sync brought it, and opens it from a booking', () => {
    const look = describeLogEntry({
      ...entry('booking.posted', LEAD, { bookingId: 1 }),
      leadName: 'Mika Newguest',
    });
    expect(look).toMatchObject({ subject: 'Mika Newguest', leadId: LEAD });
    // A Contact has no Lead timeline to open.
    expect(describeLogEntry(entry('booking.posted', '003000000000001AAA', {})).leadId).toBeNull();
  });

  it('reads a firing that waits for its Lead as waiting, not as fired', () => {
    const look = describeLogEntry(
      entry('channel.waiting', LEAD, {
        channel: 'When booked',
        meetingType: 'Intro call',
        effect: 'waiting',
        reason: 'The instance became Booked, but the Lead is not in the local cache yet.',
      }),
    );
    expect(look.summary).toBe(
      'Channel “When booked” will fire once the Lead is synced: The instance became Booked, but the Lead is not in the local cache yet.',
    );
  });

  it('says why Leadbridge disabled a channel', () => {
    const look = describeLogEntry(
      entry('channel.disabled', null, {
        channel: 'Working leads',
        channelId: 3,
        reason: 'Field Country__c was removed in Salesforce; edit the rule that uses it',
      }),
    );
    expect(look).toEqual({
      subject: null,
      leadId: null,
      summary:
        'Channel “Working leads” was disabled by Leadbridge: Field Country__c was removed in Salesforce; edit the rule that uses it.',
    });
  });

  it('says what an admin did to a channel in a sentence', () => {
    const saved = {
      channel: 'Working leads',
      channelId: 3,
      meetingType: 'Intro call',
      kind: 'import',
    };
    expect(describeLogEntry(entry('channel.created', null, { ...saved, version: 1 })).summary).toBe(
      'Channel “Working leads” created for “Intro call” (version 1).',
    );
    expect(describeLogEntry(entry('channel.updated', null, { ...saved, version: 2 })).summary).toBe(
      'Channel “Working leads” saved for “Intro call” (version 2).',
    );
    expect(describeLogEntry(entry('channel.enabled', null, saved)).summary).toBe(
      'Channel “Working leads” was enabled.',
    );
    expect(describeLogEntry(entry('channel.disabled', null, saved)).summary).toBe(
      'Channel “Working leads” was disabled.',
    );
  });

  it('reads the meeting platform’s answers to instance events as sentences that open the Lead', () => {
    const sent = { itemId: 2, instanceId: 2, type: 'instance.activated', key: 'instance-2-1' };
    expect(describeLogEntry(entry('outbound.sent', LEAD, { ...sent, name: 'Ada' }))).toEqual({
      subject: 'Ada',
      leadId: LEAD,
      summary: 'Sent “Instance activated” event to the meeting platform.',
    });
    expect(
      describeLogEntry(
        entry('outbound.retrying', LEAD, {
          ...sent,
          code: 'HTTP_503',
          message: 'It answered 503.',
        }),
      ).summary,
    ).toBe('Will try “Instance activated” event again: It answered 503.');
  });

  it('counts the writes an admin retried or discarded instead of listing their ids', () => {
    expect(describeLogEntry(entry('writeback.retried', null, { itemIds: [4, 9] })).summary).toBe(
      '2 writes sent again by an admin.',
    );
    expect(describeLogEntry(entry('writeback.discarded', null, { itemIds: [4] })).summary).toBe(
      '1 write discarded by an admin.',
    );
  });

  it('falls back to key: value for other kinds', () => {
    expect(describeLogEntry(entry('settings.changed', null, { keys: ['hooksPort'] })).summary).toBe(
      'keys: hooksPort',
    );
  });

  it('reads the outbox worker’s outcomes as sentences that open the Lead', () => {
    const base = {
      leadId: LEAD,
      itemId: 2,
      cause: { kind: 'channel', id: '4', name: 'When booked' },
      instanceId: 1,
    };
    const sent = describeLogEntry(
      entry('writeback.sent', LEAD, {
        ...base,
        kind: 'lead_update',
        values: { Status: 'Meeting Booked' },
        hostUsers: { OwnerId: 'alex.host@leadbridge.demo' },
      }),
    );
    expect(sent).toEqual({
      subject: LEAD,
      leadId: LEAD,
      summary:
        'Wrote Status = “Meeting Booked”, OwnerId = the Salesforce User of alex.host@leadbridge.demo to Salesforce.',
    });
    expect(
      describeLogEntry(
        entry('writeback.sent', LEAD, {
          ...base,
          kind: 'event_create',
          values: { Subject: 'Intro call with Alex' },
          resultId: '00U000000000001',
        }),
      ).summary,
    ).toBe('Created Event “Intro call with Alex” (00U000000000001) in Salesforce.');
    expect(
      describeLogEntry(
        entry('writeback.conflict', LEAD, {
          ...base,
          kind: 'lead_update',
          values: {},
          conflicts: [
            { field: 'Status', ours: 'Meeting Booked', basis: 'Open', theirs: 'Working' },
          ],
        }),
      ).summary,
    ).toBe(
      'Not overwritten: a person changed it first: Status: a person set “Working” (it was “Open”); Leadbridge would have written “Meeting Booked”.',
    );
    expect(
      describeLogEntry(
        entry('writeback.failed', LEAD, {
          ...base,
          kind: 'task_create',
          values: { Subject: 'Email: Intro call' },
          code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Tasks need a due date. Fix the rule in Salesforce, then Retry.',
        }),
      ).summary,
    ).toBe(
      'Salesforce refused Task “Email: Intro call”: Tasks need a due date. Fix the rule in Salesforce, then Retry.',
    );
  });

  it('reads platform outbox outcomes: an instance event to the platform, a booking post with no record or a Contact (no Lead link)', () => {
    const base = { itemId: 3, kind: 'instance_event', values: { type: 'instance.activated' } };
    expect(describeLogEntry(entry('writeback.sent', LEAD, base)).summary).toBe(
      'Sent “Instance activated” event to the meeting platform.',
    );
    expect(
      describeLogEntry(entry('writeback.failed', LEAD, { ...base, message: 'It answered 404.' }))
        .summary,
    ).toBe('The meeting platform refused “Instance activated” event: It answered 404.');
    expect(
      describeLogEntry(
        entry('writeback.retrying', null, { itemId: 4, kind: 'booking_post', bookingId: 9 }),
      ).summary,
    ).toBe('Will try Booking post for booking 9 again.');
    const contact = '003000000000001AAA';
    expect(
      describeLogEntry(entry('writeback.sent', contact, { kind: 'booking_post', bookingId: 9 })),
    ).toMatchObject({ subject: contact, leadId: null });
  });

  it('reads a recorded attempt as what was sent for which meeting type', () => {
    const look = describeLogEntry(
      entry('instance.attempt', LEAD, {
        instanceId: 1,
        meetingType: 'Intro call',
        name: 'Ada Lovelace',
        kind: 'invite',
        subject: null,
      }),
    );
    expect(look).toEqual({
      subject: 'Ada Lovelace',
      leadId: LEAD,
      summary: 'Invite recorded for “Intro call”.',
    });
  });
});
