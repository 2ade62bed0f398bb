import { describe, expect, it } from 'vitest';
import { decisionFixture } from '../../../test/support/channel-answers-fixture';
import { decisionLook, decisionsByChange, describeReplay } from './decision-look';

describe('decision look', () => {
  it('tells a firing from a match that did not fire (already true) and from no match', () => {
    expect(decisionLook(decisionFixture(1)).verdict).toBe('Fired');
    expect(decisionLook(decisionFixture(1, { fired: false })).verdict).toBe(
      'Matched, did not fire',
    );
    expect(decisionLook(decisionFixture(1, { fired: false, matched: false })).verdict).toBe(
      'Did not match',
    );
  });

  it('files decisions under the change they were made on, the latest first', () => {
    const grouped = decisionsByChange([
      decisionFixture(1, { changeId: 10 }),
      decisionFixture(3, { changeId: 10, replay: true }),
      decisionFixture(2, { changeId: 11 }),
    ]);
    expect(grouped.get(10)!.map((d) => d.id)).toEqual([3, 1]);
    expect(grouped.get(11)!.map((d) => d.id)).toEqual([2]);
  });

  it('says a replay opened nothing twice', () => {
    expect(describeReplay([decisionFixture(4, { effect: 'already_open', replay: true })])).toBe(
      'Working leads: fired · instance already open: nothing new',
    );
    expect(describeReplay([])).toBe('No enabled channel decided anything on this change.');
  });
});
