import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import type { PostedBooking } from './booking-ledger';
import { PostedLeadSync } from './posted-lead-sync';

function setup() {
  const clock = new FakeClock();
  const cached = new Set<string>();
  let syncs = 0;
  const posted = new PostedLeadSync({
    clock,
    isCached: (leadId) => cached.has(leadId),
    sync: () => (syncs += 1),
  });
  return { clock, cached, posted, syncs: () => syncs };
}

const post = (id: string, changes: Partial<PostedBooking> = {}) =>
  ({
    bookingId: 1,
    meetingTypeId: 1,
    event: {} as PostedBooking['event'],
    record: { kind: 'lead', id },
    outcome: 'created',
    ...changes,
  }) as PostedBooking;

describe('PostedLeadSync', () => {
  it('asks for one sync within seconds for 1,000 Leads posted in waves, not one each', () => {
    const t = setup();
    for (let wave = 0; wave < 5; wave += 1) {
      for (let i = 0; i < 200; i += 1) t.posted.posted(post(`00Q${wave}-${i}`));
      t.clock.advance(400);
    }
    expect(t.syncs()).toBe(0);
    t.clock.advance(3_000);
    expect(t.syncs()).toBe(1);
    // A steady stream of posts: at most one sync every 5 s.
    for (let second = 0; second < 20; second += 1) {
      t.posted.posted(post(`00Qsteady-${second}`));
      t.clock.advance(1_000);
    }
    t.clock.advance(5_000);
    expect(t.syncs()).toBeLessThanOrEqual(1 + 5);
  });

  it('asks for none when the change stream’s sync has cached every posted Lead already', () => {
    const t = setup();
    t.posted.posted(post('00Qa'));
    t.posted.posted(post('00Qb'));
    t.cached.add('00Qa').add('00Qb');
    t.clock.advance(3_000);
    expect(t.syncs()).toBe(0);
    t.posted.posted(post('00Qc'));
    t.clock.advance(10_000);
    expect(t.syncs()).toBe(1);
  });

  it('asks for none for a Lead found (updated or left) or a Contact created', () => {
    const t = setup();
    t.posted.posted(post('00Qa', { outcome: 'updated' }));
    t.posted.posted(post('00Qb', { outcome: 'untouched' }));
    t.posted.posted(post('003a', { record: { kind: 'contact', id: '003a' } }));
    t.clock.advance(10_000);
    expect(t.syncs()).toBe(0);
  });
});
