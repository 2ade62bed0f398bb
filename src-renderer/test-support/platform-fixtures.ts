import type {
  BookingSummary,
  MappingField,
  PlatformEvent,
  PlatformStatus,
  ReceivedEvent,
} from '../../src-preload/contract';

/** A Lead or Contact field as `mapping:fields` lists it; tests override what they look at. */
export function mappingFieldFixture(
  name: string,
  overrides: Partial<MappingField> = {},
): MappingField {
  return {
    name,
    label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    type: 'string',
    length: 80,
    createable: true,
    updateable: true,
    required: false,
    calculated: false,
    picklistValues: [],
    referenceTo: [],
    bookingFields: ['guest_name', 'guest_company', 'comment', 'answer', 'calendar_name'],
    usedByChannels: [],
    ...overrides,
  };
}

/** The Lead fields of a fresh demo org, enough to exercise every rule of the Mapping screen. */
export function leadFieldsFixture(): MappingField[] {
  return [
    mappingFieldFixture('LastName', { required: true, bookingFields: ['guest_last_name'] }),
    mappingFieldFixture('FirstName', { bookingFields: ['guest_first_name'] }),
    mappingFieldFixture('Company', { required: true, bookingFields: ['guest_company'] }),
    mappingFieldFixture('Email', { type: 'email', bookingFields: ['guest_email'] }),
    mappingFieldFixture('Phone', { type: 'phone', length: 40, bookingFields: ['guest_phone'] }),
    mappingFieldFixture('LeadSource', {
      type: 'picklist',
      length: 255,
      label: 'Lead Source',
      bookingFields: [],
      picklistValues: [
        { value: 'Web', label: 'Web', active: true },
        { value: 'Scheduler', label: 'Scheduler', active: true },
      ],
      usedByChannels: [{ id: 3, name: 'Web leads' }],
    }),
    mappingFieldFixture('OwnerId', {
      type: 'reference',
      label: 'Owner ID',
      length: 18,
      referenceTo: ['User', 'Group'],
      bookingFields: ['host_user'],
    }),
    mappingFieldFixture('Name', {
      label: 'Full Name',
      createable: false,
      updateable: false,
      bookingFields: [],
    }),
    mappingFieldFixture('Score__c', {
      type: 'double',
      label: 'Score',
      length: null,
      createable: false,
      updateable: false,
      calculated: true,
      bookingFields: [],
    }),
    mappingFieldFixture('Original_Source__c', {
      label: 'Original Source',
      updateable: false,
      bookingFields: ['calendar_name', 'answer'],
    }),
  ];
}

export function contactFieldsFixture(): MappingField[] {
  return [
    mappingFieldFixture('LastName', { required: true, bookingFields: ['guest_last_name'] }),
    mappingFieldFixture('FirstName', { bookingFields: ['guest_first_name'] }),
    mappingFieldFixture('Email', { type: 'email', bookingFields: ['guest_email'] }),
    mappingFieldFixture('Description', { type: 'textarea', length: 32000 }),
  ];
}

export function platformEventFixture(overrides: Partial<PlatformEvent> = {}): PlatformEvent {
  return {
    source: 'timerex',
    kind: 'booked',
    externalId: 'evt-1',
    occurredAt: '2026-11-30T09:00:00.000Z',
    start: '2026-12-02T01:00:00.000Z',
    end: '2026-12-02T01:30:00.000Z',
    timezone: 'Asia/Tokyo',
    calendar: { id: 'cal-intro', name: 'Intro call' },
    hosts: [{ email: 'alex.host@leadbridge.demo', name: 'Alex Host' }],
    guest: {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      phone: null,
    },
    answers: [{ label: 'What would you like to discuss?', value: 'Pricing' }],
    meetingUrl: 'https://meet.example.com/abc',
    rescheduledFrom: null,
    ...overrides,
  };
}

export function receivedEventFixture(
  id: number,
  overrides: Partial<ReceivedEvent> = {},
): ReceivedEvent {
  return {
    id,
    receivedAt: '2026-11-30T09:00:01.000Z',
    event: platformEventFixture({ externalId: `evt-${id}` }),
    state: 'applied',
    outcome: 'Instance booked',
    error: null,
    meetingType: { id: 1, name: 'Intro call' },
    instanceId: id,
    ...overrides,
  };
}

export function bookingFixture(
  id: number,
  overrides: Partial<BookingSummary> = {},
): BookingSummary {
  return {
    id,
    source: 'timerex',
    externalId: `evt-${id}`,
    calendar: { id: 'cal-intro', name: 'Intro call' },
    meetingType: { id: 1, name: 'Intro call' },
    guest: { email: `guest${id}@example.com`, name: `Guest ${id}`, company: 'Acme' },
    start: '2026-12-02T01:00:00.000Z',
    end: '2026-12-02T01:30:00.000Z',
    status: 'booked',
    outcome: 'created',
    record: { kind: 'lead', id: `00Q${String(id).padStart(15, '0')}` },
    event: { state: 'sent', id: `00U${String(id).padStart(15, '0')}` },
    error: null,
    instanceId: id,
    receivedAt: '2026-11-30T09:00:01.000Z',
    postedAt: '2026-11-30T09:00:03.000Z',
    ...overrides,
  };
}

export function platformStatusFixture(overrides: Partial<PlatformStatus> = {}): PlatformStatus {
  const unset = { set: false, hint: null };
  return {
    receiver: {
      enabled: false,
      port: 8787,
      bindAddress: '127.0.0.1',
      listening: false,
      baseUrl: null,
      error: null,
    },
    secrets: {
      timerex_token: unset,
      calendly_signing_key: unset,
      generic_secret: unset,
      outbound_secret: unset,
    },
    outbound: { enabled: false, url: null },
    received: { total: 0, pending: 0, failed: 0, lastAt: null },
    ...overrides,
  };
}
