import { describe, expect, it } from 'vitest';
import type { ConditionGroup } from '../../../src-preload/contract';
import { channelTestDescribe } from '../../../test/support/channel-describe';
import { channelFires, firesOn } from './channel-trigger';
import { compileConditions } from './compile-conditions';

const options = { timeZone: 'UTC', now: () => Date.parse('2026-03-30T08:00:00Z') };

function fires(
  conditions: ConditionGroup,
  trigger: 'becomes_true' | 'every_time',
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
) {
  const evaluate = compileConditions(conditions, channelTestDescribe(), options);
  const changed = new Set(
    before === null ? [] : Object.keys(after).filter((f) => before[f] !== after[f]),
  );
  return channelFires(evaluate, trigger, before, after, changed);
}

const hotInUs: ConditionGroup = {
  combinator: 'and',
  rules: [
    { field: 'Rating', operator: 'is', value: 'Hot' },
    { field: 'Country', operator: 'is', value: 'US' },
  ],
};

describe('when a channel fires', () => {
  it.each([
    ['becomes_true', false, true, true],
    ['becomes_true', true, true, false],
    ['becomes_true', true, false, false],
    ['every_time', true, true, true],
    ['every_time', false, false, false],
  ] as const)('%s, held before %s, holds now %s: %s', (trigger, before, now, expected) => {
    expect(firesOn(trigger, before, now)).toBe(expected);
  });

  it('"becomes true" fires on the change that makes the conditions hold, not on later ones', () => {
    const before = { Rating: 'Warm', Country: 'US', Title: 'CEO' };
    const hot = { ...before, Rating: 'Hot' };
    expect(fires(hotInUs, 'becomes_true', before, hot)).toBe(true);
    expect(fires(hotInUs, 'becomes_true', hot, { ...hot, Title: 'CTO' })).toBe(false);
    expect(fires(hotInUs, 'every_time', hot, { ...hot, Title: 'CTO' })).toBe(true);
  });

  it('a created Lead held nothing before: "becomes true" fires when it matches', () => {
    expect(fires(hotInUs, 'becomes_true', null, { Rating: 'Hot', Country: 'US' })).toBe(true);
  });

  it('change operators fire on each change they describe', () => {
    const conditions: ConditionGroup = {
      combinator: 'and',
      rules: [
        { field: 'Status', operator: 'changed_to', value: 'Working - Contacted' },
        { field: 'Country', operator: 'is_any_of', value: ['US', 'CA'] },
      ],
    };
    const open = { Status: 'Open - Not Contacted', Country: 'US' };
    const working = { ...open, Status: 'Working - Contacted' };
    expect(fires(conditions, 'becomes_true', open, working)).toBe(true);
    expect(fires(conditions, 'becomes_true', working, { ...working, Country: 'CA' })).toBe(false);
    expect(fires(conditions, 'becomes_true', null, working)).toBe(false);
  });
});
