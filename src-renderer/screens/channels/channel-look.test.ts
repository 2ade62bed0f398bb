import { describe, expect, it } from 'vitest';
import { channelFixture } from '../../../test/support/channel-answers-fixture';
import {
  actionsFor,
  channelRowLook,
  describeEffect,
  enableBlocker,
  errorsByPath,
  groupByMeetingType,
} from './channel-look';

describe('channel look', () => {
  it('lists channels under their meeting type, both by name', () => {
    const groups = groupByMeetingType([
      channelFixture(1, { name: 'Zeta', meetingTypeId: 2, meetingTypeName: 'Product demo' }),
      channelFixture(2, { name: 'Beta', meetingTypeId: 1, meetingTypeName: 'Intro call' }),
      channelFixture(3, { name: 'Alpha', meetingTypeId: 2, meetingTypeName: 'Product demo' }),
    ]);
    expect(groups.map((g) => [g.meetingTypeName, g.channels.map((c) => c.name)])).toEqual([
      ['Intro call', ['Beta']],
      ['Product demo', ['Alpha', 'Zeta']],
    ]);
  });

  it('shows a meeting type without channels as a place to add the first', () => {
    const groups = groupByMeetingType([], [{ id: 4, name: 'Product demo' }]);
    expect(groups).toEqual([{ meetingTypeId: 4, meetingTypeName: 'Product demo', channels: [] }]);
  });

  it('offers only the actions that fit the kind', () => {
    expect(actionsFor('import')).toEqual(['initialize_and_activate', 'initialize']);
    expect(actionsFor('intercept')).toEqual(['deactivate']);
    expect(actionsFor('update')).toEqual(['write_fields']);
  });

  it('says what an Intercept stops, by its scope', () => {
    expect(describeEffect({ action: 'deactivate', interceptScope: 'all' }, 'Intro call')).toBe(
      'Deactivates the Lead’s open instances of every meeting type',
    );
    expect(
      describeEffect({ action: 'initialize_and_activate', interceptScope: 'meeting_type' }, 'Demo'),
    ).toBe('Initializes and activates an instance of “Demo”');
  });

  it('gives the reason a channel cannot be enabled, or none when it is valid', () => {
    expect(enableBlocker(channelFixture(1))).toBeNull();
    const errors = [
      { path: [0], code: 'FIELD_UNKNOWN' as const, message: 'Lead has no field Foo__c.' },
      { path: [1], code: 'VALUE_MISSING' as const, message: 'Fill it in.' },
    ];
    expect(enableBlocker(channelFixture(1, { errors }))).toBe(
      'Fix 2 problems in the rules first: Lead has no field Foo__c.',
    );
  });

  it('files each error under the path of its rule or group', () => {
    const map = errorsByPath([
      { path: [], code: 'GROUP_EMPTY', message: 'empty' },
      { path: [1, 0], code: 'VALUE_MISSING', message: 'a' },
      { path: [1, 0], code: 'VALUE_NOT_OF_TYPE', message: 'b' },
    ]);
    expect(map.get('')).toEqual(['empty']);
    expect(map.get('1.0')).toEqual(['a', 'b']);
  });

  it('says what an Update channel writes', () => {
    expect(
      describeEffect(
        {
          action: 'write_fields',
          interceptScope: 'meeting_type',
          update: { statuses: ['booked'], writes: [{ field: 'OwnerId', source: 'host_user' }] },
        },
        'Intro call',
      ),
    ).toBe('Writes OwnerId = the host’s Salesforce User');
  });

  it('leaves an Update channel’s write errors out of the rules’ errors', () => {
    const map = errorsByPath([
      { path: [], write: 0, code: 'FIELD_NOT_UPDATEABLE', message: 'not updateable' },
    ]);
    expect(map.size).toBe(0);
  });

  it('shows an Update channel’s statuses as its trigger, and no rules as every Lead', () => {
    const update = { statuses: ['booked' as const], writes: [] };
    expect(
      channelRowLook(
        channelFixture(1, {
          kind: 'update',
          action: 'write_fields',
          update,
          rules: { ...channelFixture(1).rules, conditions: { combinator: 'and', rules: [] } },
        }),
      ),
    ).toEqual({ conditions: 'Every Lead', trigger: 'When booked' });
    expect(channelRowLook(channelFixture(2)).trigger).toBe('When the conditions become true');
  });
});
