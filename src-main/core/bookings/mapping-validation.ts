import type {
  BookingSettings,
  FieldMapping,
  MappingError,
  MappingErrorCode,
} from '../../../src-preload/contract';
import { typedValue } from '../channels/plan-writes';
import { bookingFieldsFor } from './booking-values';
import type { BookingObject, DescribedObject, PostField } from './object-describes';

/** How the settings may write an object: which of its records they create and overwrite. */
export interface ObjectUse {
  object: BookingObject;
  creating: boolean;
  overwriting: boolean;
}

/**
 * The objects the settings post to: a Lead, a Contact, or a Contact when one has the email and
 * a Lead otherwise (created as a Lead: a Contact needs an Account).
 */
export function objectUses(settings: BookingSettings): ObjectUse[] {
  const creates: BookingObject = settings.objectToLink === 'contact' ? 'Contact' : 'Lead';
  const objects: BookingObject[] =
    settings.objectToLink === 'lead'
      ? ['Lead']
      : settings.objectToLink === 'contact'
        ? ['Contact']
        : ['Contact', 'Lead'];
  return objects.map((object) => ({
    object,
    creating: settings.createWhenMissing && object === creates,
    overwriting: settings.overwriteWhenFound,
  }));
}

export function mappingOf(settings: BookingSettings, object: BookingObject): FieldMapping[] {
  return object === 'Lead' ? settings.leadMapping : settings.contactMapping;
}

/**
 * Every problem of the settings against the objects' describes, row by row, in the admin's
 * words: saving is refused while there is one, and posting checks again before each batch.
 */
export function validateBookingSettings(
  settings: BookingSettings,
  describes: Partial<Record<BookingObject, DescribedObject | undefined>>,
): MappingError[] {
  return objectUses(settings).flatMap((use) => {
    const describe = describes[use.object];
    if (!describe) {
      return [
        {
          object: use.object,
          index: null,
          field: null,
          code: 'DESCRIBE_MISSING' as const,
          message: `Leadbridge does not know ${use.object}'s fields yet: connect to Salesforce${
            use.object === 'Lead' ? ' and let it sync once' : ''
          }, then check the mapping again.`,
        },
      ];
    }
    return validateMapping(use, mappingOf(settings, use.object), describe.fields);
  });
}

function validateMapping(
  use: ObjectUse,
  mapping: readonly FieldMapping[],
  fields: ReadonlyMap<string, PostField>,
): MappingError[] {
  const errors: MappingError[] = [];
  const error = (
    index: number | null,
    field: string | null,
    code: MappingErrorCode,
    message: string,
  ) => errors.push({ object: use.object, index, field, code, message });
  const seen = new Set<string>();
  mapping.forEach((row, index) => {
    const field = fields.get(row.field);
    if (!field) {
      error(
        index,
        row.field,
        'FIELD_UNKNOWN',
        `${use.object} has no field ${row.field} (any more): remove the row or pick another field.`,
      );
      return;
    }
    const named = `${use.object} field ${field.label} (${field.name})`;
    if (seen.has(field.name)) {
      error(
        index,
        field.name,
        'FIELD_MAPPED_TWICE',
        `${named} is mapped twice: keep one of the rows.`,
      );
      return;
    }
    seen.add(field.name);
    if (!writable(field, use)) {
      error(
        index,
        field.name,
        'FIELD_NOT_WRITABLE',
        `${named} cannot be ${use.creating && !use.overwriting ? 'set when creating' : use.overwriting && !use.creating ? 'overwritten' : 'written'} (a formula or system field, or read-only for Leadbridge's user): remove the row.`,
      );
      return;
    }
    const problem = sourceProblem(row, field, named);
    if (problem) error(index, field.name, problem.code, problem.message);
  });
  if (use.creating) {
    // A row with an empty fixed value says so at its own index.
    for (const field of fields.values()) {
      if (field.required && !mapping.some((row) => row.field === field.name)) {
        error(
          null,
          field.name,
          'REQUIRED_FIELD_UNMAPPED',
          `Salesforce needs ${field.label} (${field.name}) to create a ${use.object}: map a booking field or a fixed value to it.`,
        );
      }
    }
  }
  return errors;
}

/** The fixed-value checks' codes shared with Update channels, as the mapping names them. */
const MAPPING_CODES: Partial<Record<string, MappingErrorCode>> = {
  PICKLIST_VALUE_UNKNOWN: 'PICKLIST_VALUE_UNKNOWN',
  VALUE_MISSING: 'REQUIRED_FIELD_UNMAPPED',
};

/** Written when creating if createable, when overwriting if updateable. */
function writable(field: PostField, use: ObjectUse): boolean {
  if (!use.creating && !use.overwriting) return field.createable || field.updateable;
  return (use.creating && field.createable) || (use.overwriting && field.updateable);
}

function sourceProblem(
  row: FieldMapping,
  field: PostField,
  named: string,
): { code: MappingErrorCode; message: string } | null {
  const { source } = row;
  if (source.kind === 'booking') {
    if (source.field === 'answer' && !source.label) {
      return {
        code: 'ANSWER_LABEL_MISSING',
        message: `${named} takes a form answer: name the question (its label on the booking form).`,
      };
    }
    if (!bookingFieldsFor(field).includes(source.field)) {
      return {
        code: 'SOURCE_NOT_FOR_FIELD',
        message: `${named} is a ${field.type} field and cannot take the booking's ${source.field.replaceAll('_', ' ')}: pick another booking field or a fixed value.`,
      };
    }
    return null;
  }
  const { value } = source;
  if (typeof value === 'string' && field.length > 0 && value.length > field.length) {
    return {
      code: 'VALUE_TOO_LONG',
      message: `${named} holds at most ${field.length} characters and the value has ${value.length}: shorten it.`,
    };
  }
  const typed = typedValue(field, value);
  if (!('code' in typed)) return null;
  return {
    code: MAPPING_CODES[typed.code] ?? 'VALUE_NOT_OF_TYPE',
    message: typed.message,
  };
}
