import type {
  BookingField,
  BookingSettings,
  FieldMapping,
  MappingError,
  MappingField,
} from '../../src-preload/contract';

export type MappedObject = 'Lead' | 'Contact';

/** When an object's mapping is written: on a record Leadbridge creates, on one it finds, or both. */
export interface WriteModes {
  create: boolean;
  overwrite: boolean;
}

export const MAPPING_KEY = { Lead: 'leadMapping', Contact: 'contactMapping' } as const;

/**
 * Which objects these settings write, and when: "Contact if one exists, else Lead" overwrites
 * a Contact it finds but creates a Lead. An object the settings never write is absent.
 */
export function writeModes(
  settings: Pick<BookingSettings, 'objectToLink' | 'createWhenMissing' | 'overwriteWhenFound'>,
): Partial<Record<MappedObject, WriteModes>> {
  const both = { create: settings.createWhenMissing, overwrite: settings.overwriteWhenFound };
  switch (settings.objectToLink) {
    case 'lead':
      return { Lead: both };
    case 'contact':
      return { Contact: both };
    case 'contact_else_lead':
      return { Contact: { create: false, overwrite: settings.overwriteWhenFound }, Lead: both };
  }
}

/**
 * The fields a row may pick: createable ones when the object is created, updateable ones
 * when it is overwritten (either, when neither is on yet, so a mapping can be prepared).
 */
export function offeredFields(fields: readonly MappingField[], modes: WriteModes): MappingField[] {
  const anyMode = modes.create || modes.overwrite;
  return fields.filter(
    (field) =>
      (field.createable && (modes.create || !anyMode)) ||
      (field.updateable && (modes.overwrite || !anyMode)),
  );
}

/** A new row for a field: its first fitting booking fact, else a fixed value to fill in. */
export function rowForField(field: MappingField): FieldMapping {
  const fact = field.bookingFields[0];
  if (fact === undefined || fact === 'answer') {
    const firstValue = field.picklistValues.find((entry) => entry.active)?.value;
    return { field: field.name, source: { kind: 'fixed', value: firstValue ?? '' } };
  }
  return { field: field.name, source: { kind: 'booking', field: fact } };
}

/** The rows a fresh mapping starts with: the guest's facts into the fields made for them. */
const SUGGESTED: Partial<Record<string, BookingField>> = {
  LastName: 'guest_last_name',
  FirstName: 'guest_first_name',
  Email: 'guest_email',
  Company: 'guest_company',
  Phone: 'guest_phone',
};

export function suggestedMapping(fields: readonly MappingField[]): FieldMapping[] {
  return fields.flatMap((field) => {
    const fact = SUGGESTED[field.name];
    if (!fact || !field.createable || !field.bookingFields.includes(fact)) return [];
    return [{ field: field.name, source: { kind: 'booking' as const, field: fact } }];
  });
}

/** The host's errors for one object: per row (by index) and for the whole mapping. */
export function splitErrors(errors: readonly MappingError[], object: MappedObject) {
  const byRow = new Map<number, MappingError[]>();
  const whole: MappingError[] = [];
  for (const error of errors) {
    if (error.object !== object) continue;
    if (error.index === null) whole.push(error);
    else byRow.set(error.index, [...(byRow.get(error.index) ?? []), error]);
  }
  return { byRow, whole };
}
