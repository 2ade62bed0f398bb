import {
  logKindGroup,
  logKindGroupLabels,
  logKindGroups,
  logKindLabel,
} from '../../src-preload/log-words';

export interface LogKindOptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/** The kind filter's choices: the kinds present, in words, under their headings in a set order. */
export function logKindOptions(presentKinds: readonly string[]): LogKindOptionGroup[] {
  return logKindGroups
    .map((group) => ({
      group: logKindGroupLabels[group],
      items: presentKinds
        .filter((kind) => logKindGroup(kind) === group)
        .map((kind) => ({ value: kind, label: logKindLabel(kind) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    }))
    .filter((group) => group.items.length > 0);
}
