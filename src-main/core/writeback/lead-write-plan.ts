import type { OutboxConflict } from '../../../src-preload/contract';
import type { MergedLeadUpdate } from './lead-update-merge';
import { sameValue } from './same-value';
import type { UserMatch } from './user-directory';

export interface StopReason {
  code: string;
  message: string;
}

/** What to do with one Lead's merged updates, decided against the Lead as Salesforce has it now. */
export type LeadWritePlan =
  /** Nothing can be written to this Lead (converted, deleted): every item is skipped. */
  | { kind: 'skip'; reason: StopReason }
  | {
      kind: 'write';
      /** The fields to send (empty: Salesforce already holds every value). */
      fields: Record<string, unknown>;
      /** Fields a person changed after the decision, by the item that decided them. */
      conflicts: Map<number, OutboxConflict[]>;
      /** Items stopped before sending (a host with no single active User). */
      failures: Map<number, StopReason>;
    };

/**
 * Conflict check of one Lead: a field is written when Salesforce holds what Leadbridge saw
 * when deciding (or an earlier decision of ours); it is left alone, as a conflict, when it
 * holds anything else — a person's newer edit. A value already there is not sent again.
 */
export function planLeadWrite(
  merged: MergedLeadUpdate,
  current: Record<string, unknown> | undefined,
  users: ReadonlyMap<string, UserMatch>,
): LeadWritePlan {
  if (!current) {
    return {
      kind: 'skip',
      reason: {
        code: 'ENTITY_IS_DELETED',
        message:
          'The Lead is deleted in Salesforce, or no longer visible to Leadbridge’s user: nothing was written.',
      },
    };
  }
  if (current.IsConverted === true) {
    return {
      kind: 'skip',
      reason: {
        code: 'CANNOT_UPDATE_CONVERTED_LEAD',
        message:
          'The Lead was converted; Salesforce keeps converted Leads read-only, so nothing was written.',
      },
    };
  }
  const fields: Record<string, unknown> = {};
  const conflicts = new Map<number, OutboxConflict[]>();
  const failures = new Map<number, StopReason>();
  for (const [field, decision] of merged.fields) {
    let value = decision.value;
    if (decision.hostEmail !== null) {
      const match = users.get(decision.hostEmail.toLowerCase());
      if (!match || !('userId' in match)) {
        failures.set(decision.itemId, ownerProblem(field, decision.hostEmail, match));
        continue;
      }
      value = match.userId;
    }
    const theirs = current[field] ?? null;
    if (sameValue(theirs, value)) continue;
    if (!decision.accepted.some((accepted) => sameValue(accepted, theirs))) {
      const list = conflicts.get(decision.itemId) ?? [];
      list.push({ field, ours: value, basis: decision.basis, theirs });
      conflicts.set(decision.itemId, list);
      continue;
    }
    fields[field] = value;
  }
  return { kind: 'write', fields, conflicts, failures };
}

function ownerProblem(field: string, email: string, match: UserMatch | undefined): StopReason {
  if (match && 'problem' in match && match.problem === 'several') {
    return {
      code: 'HOST_USER_AMBIGUOUS',
      message: `${match.count} active Salesforce Users have the email ${email}, so Leadbridge cannot tell which one ${field} should name. Give one of them another email (or deactivate it), then Retry.`,
    };
  }
  return {
    code: 'HOST_USER_NOT_FOUND',
    message: `No active Salesforce User has the email ${email}, so ${field} was not set. Activate that User or give the meeting type a host who is a User, then Retry.`,
  };
}
