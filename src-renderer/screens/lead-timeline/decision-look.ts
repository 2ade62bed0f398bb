import type { ChannelDecision } from '../../../src-preload/contract';

const EFFECT_LABELS: Record<ChannelDecision['effect'], string> = {
  none: 'No effect',
  initialized: 'Initialized an instance',
  activated: 'Activated an instance',
  deactivated: 'Deactivated open instances',
  already_open: 'Instance already open: nothing new',
  nothing_open: 'No open instance to deactivate',
};

export interface DecisionLook {
  /** "Fired", "Matched, did not fire", "Did not match". */
  verdict: string;
  color: string;
  effect: string;
}

export function decisionLook(decision: ChannelDecision): DecisionLook {
  const verdict = decision.fired
    ? 'Fired'
    : decision.matched
      ? 'Matched, did not fire'
      : 'Did not match';
  const color = decision.fired ? 'teal' : decision.matched ? 'yellow' : 'gray';
  return { verdict, color, effect: EFFECT_LABELS[decision.effect] };
}

/** Decisions under the timing event they were made on, newest first within each. */
export function decisionsByChange(
  decisions: readonly ChannelDecision[],
): Map<number, ChannelDecision[]> {
  const byChange = new Map<number, ChannelDecision[]>();
  for (const decision of [...decisions].sort((a, b) => b.id - a.id)) {
    byChange.set(decision.changeId, [...(byChange.get(decision.changeId) ?? []), decision]);
  }
  return byChange;
}

/** What a replay did, in one sentence per channel. */
export function describeReplay(decisions: readonly ChannelDecision[]): string {
  if (decisions.length === 0) return 'No enabled channel decided anything on this change.';
  return decisions
    .map((decision) => {
      const look = decisionLook(decision);
      return `${decision.channelName}: ${look.verdict.toLowerCase()} · ${look.effect.toLowerCase()}`;
    })
    .join('. ');
}
