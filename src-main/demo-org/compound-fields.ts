// Compound fields as the REST API reads them: an address (Lead `Address`, Contact
// `MailingAddress`, Account `BillingAddress`…) is an object built from its parts, named by the
// prefix it shares with them (`Mailing` + `City`), and null when every part is null.
import { fieldReader, type FormulaContext } from './formulas';
import type { FieldSpec, SfRecord, SfValue } from './schema-types';

/** A field's value in an API answer: a stored or computed value, or a compound's object. */
export type ApiValue = SfValue | Record<string, SfValue>;

/**
 * The compound address's keys (in Salesforce's order) and the part each one reads. Orgs with
 * State and Country picklists add `countryCode`/`stateCode`; this org has not enabled them.
 */
const ADDRESS_PARTS: readonly (readonly [key: string, part: string])[] = [
  ['city', 'City'],
  ['country', 'Country'],
  ['geocodeAccuracy', 'GeocodeAccuracy'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['postalCode', 'PostalCode'],
  ['state', 'State'],
  ['street', 'Street'],
];

/** The part fields of an address compound field (`MailingAddress` → `MailingCity`, …). */
export function addressPartNames(address: string): string[] {
  const prefix = address.slice(0, -'Address'.length);
  return ADDRESS_PARTS.map(([, part]) => `${prefix}${part}`);
}

function addressReader(spec: FieldSpec): (record: SfRecord) => ApiValue {
  const parts = addressPartNames(spec.name);
  const keys = ADDRESS_PARTS.map(([key]) => key);
  return (record) => {
    const values = parts.map((part) => record[part] ?? null);
    if (values.every((value) => value === null)) return null;
    return Object.fromEntries(keys.map((key, i) => [key, values[i] ?? null]));
  };
}

/** Reads a field as an API answer shows it: compound fields whole, formula fields computed now. */
export function apiFieldReader(
  spec: FieldSpec,
  context: FormulaContext,
): (record: SfRecord) => ApiValue {
  return spec.type === 'address' ? addressReader(spec) : fieldReader(spec, context);
}
