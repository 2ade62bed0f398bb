import type {
  Channel,
  ConditionGroup,
  ConditionRule,
  MappingField,
} from '../../../src-preload/contract';
import { bookingFieldsFor } from './booking-values';
import type { DescribedObject } from './object-describes';

/** Every field of the object as the Mapping screen lists it; channels' use of Lead fields. */
export function mappingFields(
  described: DescribedObject,
  channels: readonly Channel[],
): MappingField[] {
  const users = channelsByField(channels);
  return [...described.fields.values()].map((field) => ({
    name: field.name,
    label: field.label,
    type: field.type,
    length: field.length > 0 ? field.length : null,
    createable: field.createable,
    updateable: field.updateable,
    required: field.required,
    calculated: field.calculated,
    picklistValues: field.picklistValues,
    referenceTo: field.referenceTo,
    bookingFields: field.createable || field.updateable ? bookingFieldsFor(field) : [],
    usedByChannels: users.get(field.name) ?? [],
  }));
}

/** Field → the channels whose conditions test it or whose writes set it. */
function channelsByField(
  channels: readonly Channel[],
): Map<string, { id: number; name: string }[]> {
  const used = new Map<string, { id: number; name: string }[]>();
  for (const channel of channels) {
    const fields = new Set(conditionFieldsOf(channel.rules.conditions));
    for (const write of channel.update?.writes ?? []) fields.add(write.field);
    for (const field of fields) {
      used.set(field, [...(used.get(field) ?? []), { id: channel.id, name: channel.name }]);
    }
  }
  return used;
}

function conditionFieldsOf(group: ConditionGroup): string[] {
  return group.rules.flatMap((rule: ConditionRule | ConditionGroup) =>
    'rules' in rule ? conditionFieldsOf(rule) : [rule.field],
  );
}
