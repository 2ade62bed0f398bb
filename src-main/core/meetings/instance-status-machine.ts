import {
  openInstanceStatuses,
  type AdminInstanceStatus,
  type InstanceStatus,
} from '../../../src-preload/contract';
import { AppError } from '../errors';

/**
 * Which status may follow which (AUTOMATION.md, "The model"). A closed status has no way
 * out: an admin who activates a closed instance starts a new one instead.
 *
 * - Nothing is invited or declined before it is activated; a booking may arrive any time
 *   before the meeting (a prospect can book through a public link while still initialized).
 * - `rescheduled` may follow itself: a meeting moved twice is two history entries.
 * - `needs_attention` holds an instance until a person fixes the cause; from there it goes
 *   on to whatever actually happened next, never back to `initialized`.
 * - Completed / no-show follow a booking only: there is no meeting to attend before one.
 */
const transitions: Readonly<Record<InstanceStatus, readonly InstanceStatus[]>> = {
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

/** The statuses a new instance may start in: a channel's import, or a booking with no instance. */
export const startingStatuses: readonly InstanceStatus[] = [
  'initialized',
  'activated',
  'booked',
  'needs_attention',
];

const adminStatuses: readonly AdminInstanceStatus[] = [
  'activated',
  // By hand (with the meeting's facts) until the meeting platform reports bookings.
  'booked',
  'deactivated',
  'completed',
  'no_show',
];

const open: ReadonlySet<InstanceStatus> = new Set(openInstanceStatuses);

export function isOpenStatus(status: InstanceStatus): boolean {
  return open.has(status);
}

export function allowedNextStatuses(from: InstanceStatus): readonly InstanceStatus[] {
  return transitions[from];
}

export function canTransition(from: InstanceStatus, to: InstanceStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws INSTANCE_TRANSITION_INVALID unless `to` may follow `from`. */
export function assertTransition(from: InstanceStatus, to: InstanceStatus): void {
  if (canTransition(from, to)) return;
  const next = transitions[from];
  throw new AppError(
    'INSTANCE_TRANSITION_INVALID',
    next.length === 0
      ? `This instance is ${label(from)}, which is final: it cannot become ${label(to)}. Activate it to start a new instance.`
      : `An instance that is ${label(from)} cannot become ${label(to)}; it can become ${next.map(label).join(', ')}.`,
  );
}

/**
 * What an admin may set by hand on an instance in `status`: the admin statuses the machine
 * allows, and `activated` on a closed one, which starts a new instance.
 */
export function adminStatusesFrom(status: InstanceStatus): AdminInstanceStatus[] {
  if (!isOpenStatus(status)) return ['activated'];
  return adminStatuses.filter((to) => canTransition(status, to));
}

export function label(status: InstanceStatus): string {
  return status.replace('_', ' ');
}
