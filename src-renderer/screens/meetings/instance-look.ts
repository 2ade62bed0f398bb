import type {
  AdminInstanceStatus,
  ChangeCause,
  InstanceStatus,
} from '../../../src-preload/contract';

const statusLook: Record<InstanceStatus, { label: string; color: string; hint: string }> = {
  initialized: { label: 'Initialized', color: 'gray', hint: 'Imported; waiting to be activated' },
  activated: { label: 'Activated', color: 'blue', hint: 'The meeting platform may invite them' },
  invited: { label: 'Invited', color: 'indigo', hint: 'The first invite was sent' },
  booked: { label: 'Booked', color: 'teal', hint: 'A meeting is booked' },
  rescheduled: { label: 'Rescheduled', color: 'cyan', hint: 'The booked meeting was moved' },
  completed: { label: 'Completed', color: 'green', hint: 'The meeting took place' },
  no_show: { label: 'No-show', color: 'orange', hint: 'The prospect did not attend' },
  declined: { label: 'Declined', color: 'pink', hint: 'The prospect declined' },
  cancelled: { label: 'Cancelled', color: 'grape', hint: 'The booking was cancelled' },
  deactivated: { label: 'Deactivated', color: 'dark', hint: 'Stopped by a channel or an admin' },
  needs_attention: {
    label: 'Needs attention',
    color: 'red',
    hint: 'Something failed that a person must fix',
  },
};

export function instanceStatusLook(status: InstanceStatus) {
  return statusLook[status];
}

/** The button an admin presses; activating a closed instance says it starts a new one. */
export function adminActionLabel(status: AdminInstanceStatus, isOpen: boolean): string {
  switch (status) {
    case 'activated':
      return isOpen ? 'Activate' : 'Activate again (new instance)';
    case 'booked':
      return 'Mark booked…';
    case 'deactivated':
      return 'Deactivate';
    case 'completed':
      return 'Mark completed';
    case 'no_show':
      return 'Mark no-show';
  }
}

/** "Channel “Working leads”", "Admin", "TimeRex" — who or what made a change. */
export function causeText(cause: ChangeCause): string {
  switch (cause.kind) {
    case 'channel':
      return cause.name ? `Channel “${cause.name}”` : 'A channel';
    case 'admin':
      return cause.name ? `Admin ${cause.name}` : 'Admin';
    case 'platform':
      return cause.name ?? 'The meeting platform';
    case 'system':
      return 'Leadbridge';
  }
}

export interface EmptyInstancesContext {
  filtered: boolean;
  hasMeetingTypes: boolean;
}

/** What an empty list means, and what to do so instances appear. */
export function emptyInstancesText({ filtered, hasMeetingTypes }: EmptyInstancesContext): string {
  if (filtered) return 'No instance matches these filters. Clear them to see every instance.';
  if (!hasMeetingTypes) {
    return 'No instances yet. Create a meeting type above, then build an Import channel for it in Channels: instances appear when the channel matches a Lead.';
  }
  return 'No instances yet. Instances appear when an Import channel matches a Lead — open Channels to build one.';
}
