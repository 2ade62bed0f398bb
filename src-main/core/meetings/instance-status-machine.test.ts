import { describe, expect, it } from 'vitest';
import { instanceStatuses, type InstanceStatus } from '../../../src-preload/contract';
import {
  adminStatusesFrom,
  assertTransition,
  canTransition,
  isOpenStatus,
} from './instance-status-machine';

/** AUTOMATION.md's table and the transitions a sales-ops admin expects, written out flat. */
const allowed: Record<InstanceStatus, InstanceStatus[]> = {
  initialized: ['activated', 'booked', 'deactivated', 'needs_attention'],
  activated: ['invited', 'booked', 'declined', 'deactivated', 'needs_attention'],
  invited: ['booked', 'declined', 'deactivated', 'needs_attention'],
  booked: ['rescheduled', 'completed', 'no_show', 'cancelled', 'deactivated', 'needs_attention'],
  rescheduled: [
    'rescheduled',
    'completed',
    'no_show',
    'cancelled',
    'deactivated',
    'needs_attention',
  ],
  needs_attention: [
    'activated',
    'invited',
    'booked',
    'rescheduled',
    'completed',
    'no_show',
    'declined',
    'cancelled',
    'deactivated',
  ],
  completed: [],
  no_show: [],
  declined: [],
  cancelled: [],
  deactivated: [],
};

describe('instance status machine', () => {
  it('allows exactly the listed transitions and refuses every other pair', () => {
    for (const from of instanceStatuses) {
      for (const to of instanceStatuses) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed[from].includes(to));
      }
    }
  });

  it('marks open and closed statuses as AUTOMATION.md does', () => {
    expect(instanceStatuses.filter(isOpenStatus)).toEqual([
      'initialized',
      'activated',
      'invited',
      'booked',
      'rescheduled',
      'needs_attention',
    ]);
  });

  it('refuses a transition with INSTANCE_TRANSITION_INVALID and a sentence naming the way on', () => {
    expect(() => assertTransition('initialized', 'completed')).toThrowError(
      expect.objectContaining({
        code: 'INSTANCE_TRANSITION_INVALID',
        message: expect.stringMatching(/cannot become completed; it can become activated, booked/),
      }),
    );
    expect(() => assertTransition('deactivated', 'activated')).toThrowError(
      expect.objectContaining({ message: expect.stringMatching(/final.*new instance/) }),
    );
    expect(() => assertTransition('invited', 'initialized')).toThrow();
    expect(() => assertTransition('booked', 'invited')).toThrow();
  });

  it('offers an admin only the statuses the machine allows, and activation of a closed one', () => {
    expect(adminStatusesFrom('initialized')).toEqual(['activated', 'booked', 'deactivated']);
    expect(adminStatusesFrom('activated')).toEqual(['booked', 'deactivated']);
    expect(adminStatusesFrom('invited')).toEqual(['booked', 'deactivated']);
    expect(adminStatusesFrom('booked')).toEqual(['deactivated', 'completed', 'no_show']);
    expect(adminStatusesFrom('needs_attention')).toEqual([
      'activated',
      'booked',
      'deactivated',
      'completed',
      'no_show',
    ]);
    for (const closed of ['completed', 'no_show', 'declined', 'cancelled', 'deactivated'] as const)
      expect(adminStatusesFrom(closed)).toEqual(['activated']);
  });
});
