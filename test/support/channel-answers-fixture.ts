/** Channels, decisions and fields as the host answers them, for the renderer's store and look tests. */
import type {
  Channel,
  ChannelDecision,
  ConditionFieldInfo,
  FieldWriteSource,
} from '../../src-preload/contract';

/** A channel as the host describes it; tests override what they look at. */
export function channelFixture(id: number, overrides: Partial<Channel> = {}): Channel {
  return {
    id,
    meetingTypeId: 1,
    meetingTypeName: 'Intro call',
    name: `Channel ${id}`,
    kind: 'import',
    action: 'initialize_and_activate',
    interceptScope: 'meeting_type',
    rules: {
      conditions: {
        combinator: 'and',
        rules: [{ field: 'Status', operator: 'changed_to', value: 'Working - Contacted' }],
      },
      trigger: 'becomes_true',
      timeZone: 'UTC',
    },
    update: null,
    enabled: false,
    version: 1,
    disabledReason: null,
    errors: [],
    fireCount: 0,
    lastFiredAt: null,
    createdAt: '2026-11-22T09:00:00.000Z',
    updatedAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}

export function decisionFixture(
  id: number,
  overrides: Partial<ChannelDecision> = {},
): ChannelDecision {
  return {
    id,
    at: '2026-11-22T09:00:00.000Z',
    channelId: 1,
    channelName: 'Working leads',
    channelVersion: 1,
    changeId: 1,
    leadId: '00Q000000000001AAA',
    matched: true,
    fired: true,
    effect: 'activated',
    instanceId: 1,
    reason: 'Status changed to Working - Contacted; activated Intro call.',
    replay: false,
    ...overrides,
  };
}

const TEXT_SOURCES: FieldWriteSource[] = [
  'fixed',
  'meeting_start',
  'meeting_end',
  'meeting_url',
  'host_email',
  'instance_status',
];
/** How a real org describes an updateable, optional field (most of Lead's). */
const writable = (writeSources: FieldWriteSource[]) => ({
  updateable: true,
  nillable: true,
  referenceTo: [],
  writeSources,
});

/** The Lead fields a rule builder typically offers, as channels:fields answers. */
export const conditionFieldsFixture: ConditionFieldInfo[] = [
  {
    name: 'Status',
    label: 'Lead Status',
    type: 'picklist',
    calculated: false,
    picklistValues: [
      { value: 'Open - Not Contacted', label: 'Open - Not Contacted', active: true },
      { value: 'Working - Contacted', label: 'Working - Contacted', active: true },
    ],
    operators: [
      'is',
      'is_not',
      'changed',
      'changed_to',
      'changed_from',
      'changed_from_to',
      'is_any_of',
      'is_none_of',
      'is_empty',
      'is_not_empty',
      'became_empty',
      'became_not_empty',
    ],
    ...writable(['fixed']),
    nillable: false,
  },
  {
    name: 'Country',
    label: 'Country',
    type: 'string',
    calculated: false,
    picklistValues: [],
    operators: ['is', 'is_not', 'is_any_of', 'is_none_of', 'contains', 'is_empty'],
    ...writable(TEXT_SOURCES),
  },
  {
    name: 'NumberOfEmployees',
    label: 'Employees',
    type: 'int',
    calculated: false,
    picklistValues: [],
    operators: ['is', 'lt', 'gt', 'between', 'changed_from_to'],
    ...writable(['fixed']),
  },
  {
    name: 'CreatedDate',
    label: 'Created Date',
    type: 'datetime',
    calculated: false,
    picklistValues: [],
    operators: ['lt', 'gt', 'in_last', 'in_next', 'between'],
    updateable: false,
    nillable: false,
    referenceTo: [],
    writeSources: [],
  },
  {
    name: 'HasOptedOutOfEmail',
    label: 'Email Opt Out',
    type: 'boolean',
    calculated: false,
    picklistValues: [],
    operators: ['is', 'changed_to'],
    ...writable(['fixed']),
    nillable: false,
  },
  {
    name: 'OwnerId',
    label: 'Owner ID',
    type: 'reference',
    calculated: false,
    picklistValues: [],
    operators: ['is', 'is_not', 'changed'],
    updateable: true,
    nillable: false,
    referenceTo: ['Group', 'User'],
    writeSources: ['fixed', 'host_user'],
  },
];
