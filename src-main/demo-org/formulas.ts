// Formula fields: Salesforce computes them when a record is read, so their value moves with the
// clock or with another record while the record itself (and its SystemModstamp) stays untouched.
// The org evaluates a fixed set of formulas, recognised by their text.
import type { FieldSpec, FieldType, SfRecord, SfValue } from './schema-types';
import { DAY_MS, parseDateTime, startOfUtcDay } from './sf-datetime';

export interface FormulaContext {
  /** Resolves a referenced record by id, for formulas that reach through a lookup. */
  resolve(id: string): { object: string; record: SfRecord } | undefined;
  nowMs: number;
}

interface Formula {
  returns: FieldType;
  evaluate(record: SfRecord, context: FormulaContext): SfValue;
}

function text(value: SfValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

const FORMULAS: Record<string, Formula> = {
  // Whole days since the lead was created (TODAY() is a UTC day here; see the README).
  'TODAY() - DATEVALUE(CreatedDate)': {
    returns: 'double',
    evaluate(record, { nowMs }) {
      const created = parseDateTime(text(record.CreatedDate));
      if (created === null) return null;
      return (startOfUtcDay(nowMs) - startOfUtcDay(created)) / DAY_MS;
    },
  },
  // The owning user's name: changes when that User is renamed, not when the Lead is edited.
  'Owner:User.FirstName & " " & Owner:User.LastName': {
    returns: 'string',
    evaluate(record, { resolve }) {
      const owner = typeof record.OwnerId === 'string' ? resolve(record.OwnerId) : undefined;
      if (owner?.object !== 'User') return null;
      return `${text(owner.record.FirstName)} ${text(owner.record.LastName)}`.trim() || null;
    },
  },
};

export const SUPPORTED_FORMULAS = Object.keys(FORMULAS);

/** The type a supported formula returns, or undefined when the org cannot evaluate it. */
export function formulaReturnType(formula: string): FieldType | undefined {
  return FORMULAS[formula]?.returns;
}

/** Reads a field as the API serves it: stored, or computed now for a formula field. */
export function fieldReader(
  spec: FieldSpec,
  context: FormulaContext,
): (record: SfRecord) => SfValue {
  // Schemas saved before formula fields existed have no `formula` at all.
  const formula = spec.formula ? FORMULAS[spec.formula] : undefined;
  const name = spec.name;
  if (!formula) return (record) => record[name] ?? null;
  return (record) => formula.evaluate(record, context);
}

/** A copy of a stored record with its formula fields computed, as the API would read it now. */
export function withFormulas(
  fields: readonly FieldSpec[],
  record: SfRecord,
  context: FormulaContext,
): SfRecord {
  const copy = { ...record };
  for (const spec of fields) if (spec.formula) copy[spec.name] = fieldReader(spec, context)(record);
  return copy;
}
