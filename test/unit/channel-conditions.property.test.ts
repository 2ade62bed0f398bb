import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ChannelTrigger,
  ConditionGroup,
  ConditionOperator,
  ConditionRule,
  ConditionValue,
  RelativePeriod,
} from '../../src-preload/contract';
import { channelFires } from '../../src-main/core/channels/channel-trigger';
import {
  compileConditions,
  type LeadValues,
} from '../../src-main/core/channels/compile-conditions';
import { OPERATORS_BY_KIND, type FieldKind } from '../../src-main/core/channels/field-kinds';
import { validateConditions } from '../../src-main/core/channels/validate-channel';
import { conditionGroupSchema } from '../../src-preload/contract';
import { channelTestDescribe } from '../support/channel-describe';

// The compiled evaluator against a plain reading of AUTOMATION.md's operator table, written
// here without the evaluator's tricks: no precomputed day bounds (each datetime is turned
// into its calendar day with Intl), no token scanning (multi-selects are split and sorted),
// no closures.

const describeResult = channelTestDescribe();

const FIELD_OF_KIND: Record<FieldKind, string[]> = {
  text: ['Company', 'Email'],
  picklist: ['Rating'],
  multipicklist: ['Interests__c'],
  boolean: ['IsConverted'],
  number: ['AnnualRevenue', 'NumberOfEmployees', 'Discount__c'],
  date: ['LastActivityDate'],
  datetime: ['CreatedDate'],
};
const KIND_OF_FIELD = new Map(
  Object.entries(FIELD_OF_KIND).flatMap(([kind, fields]) =>
    fields.map((f) => [f, kind as FieldKind]),
  ),
);

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

// ---------------------------------------------------------------------------
// The reference

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function calendarDate(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function shift(date: string, period: RelativePeriod, sign: number): string {
  if (period.unit !== 'months')
    return addDays(date, sign * period.amount * (period.unit === 'weeks' ? 7 : 1));
  let [year, month, day] = date.split('-').map(Number) as [number, number, number];
  month += sign * period.amount;
  while (month > 12) [year, month] = [year + 1, month - 12];
  while (month < 1) [year, month] = [year - 1, month + 12];
  day = Math.min(day, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const tokens = (value: unknown) =>
  typeof value === 'string'
    ? value.split(';').sort().join(';')
    : (value as string[]).slice().sort().join(';');

interface Context {
  timeZone: string;
  now: number;
}

/** Compares a field value with one operand: -1, 0, 1, or undefined when blank or incomparable. */
function compare(
  kind: FieldKind,
  value: unknown,
  operand: unknown,
  context: Context,
): number | undefined {
  if (blank(value)) return undefined;
  const order = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  if (kind === 'number') return order(value as number, Number(operand));
  if (kind === 'date') return order(value as string, operand as string);
  if (isDay(operand as string))
    return order(calendarDate(Date.parse(value as string), context.timeZone), operand as string);
  return order(Date.parse(value as string), Date.parse(operand as string));
}

function equals(kind: FieldKind, value: unknown, operand: unknown, context: Context): boolean {
  if (blank(value)) return false;
  switch (kind) {
    case 'text':
      return (value as string).toLowerCase() === (operand as string).toLowerCase();
    case 'multipicklist':
      return tokens(value) === tokens(operand);
    case 'number':
    case 'date':
    case 'datetime':
      return compare(kind, value, operand, context) === 0;
    default:
      return value === operand;
  }
}

function anyOf(kind: FieldKind, value: unknown, operands: string[]): boolean {
  if (blank(value)) return false;
  if (kind === 'multipicklist')
    return (value as string).split(';').some((token) => operands.includes(token));
  if (kind === 'text')
    return operands.some((operand) => operand.toLowerCase() === (value as string).toLowerCase());
  return operands.includes(value as string);
}

function sameValue(kind: FieldKind, a: unknown, b: unknown): boolean {
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (kind === 'multipicklist') return tokens(a) === tokens(b);
  if (kind === 'datetime') return Date.parse(a as string) === Date.parse(b as string);
  return a === b;
}

function referenceRule(
  rule: ConditionRule,
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
  context: Context,
): boolean {
  const kind = KIND_OF_FIELD.get(rule.field)!;
  const now = after[rule.field];
  const was = before?.[rule.field];
  const value = rule.value as ConditionValue & unknown[];
  const changed = before !== null && changedFields.has(rule.field) && !sameValue(kind, was, now);
  const text = () => (blank(now) ? '' : (now as string).toLowerCase());
  const needle = () => (rule.value as string).toLowerCase();
  switch (rule.operator) {
    case 'is':
      return equals(kind, now, rule.value, context);
    case 'is_not':
      return !equals(kind, now, rule.value, context);
    case 'is_any_of':
      return anyOf(kind, now, value as string[]);
    case 'is_none_of':
      return !anyOf(kind, now, value as string[]);
    case 'contains':
      return !blank(now) && text().includes(needle());
    case 'not_contains':
      return !(!blank(now) && text().includes(needle()));
    case 'starts_with':
      return !blank(now) && text().startsWith(needle());
    case 'ends_with':
      return !blank(now) && text().endsWith(needle());
    case 'lt':
      return compare(kind, now, rule.value, context) === -1;
    case 'lte':
      return [-1, 0].includes(compare(kind, now, rule.value, context)!);
    case 'gt':
      return compare(kind, now, rule.value, context) === 1;
    case 'gte':
      return [1, 0].includes(compare(kind, now, rule.value, context)!);
    case 'between':
      return (
        [1, 0].includes(compare(kind, now, value[0], context)!) &&
        [-1, 0].includes(compare(kind, now, value[1], context)!)
      );
    case 'in_last':
    case 'in_next': {
      if (blank(now)) return false;
      const today = calendarDate(context.now, context.timeZone);
      const day =
        kind === 'date'
          ? (now as string)
          : calendarDate(Date.parse(now as string), context.timeZone);
      const period = rule.value as RelativePeriod;
      return rule.operator === 'in_last'
        ? shift(today, period, -1) <= day && day <= today
        : today <= day && day <= shift(today, period, 1);
    }
    case 'is_empty':
      return blank(now);
    case 'is_not_empty':
      return !blank(now);
    case 'changed':
      return changed;
    case 'changed_to':
      return changed && equals(kind, now, rule.value, context);
    case 'changed_from':
      return (
        changed && equals(kind, was, rule.value, context) && !equals(kind, now, rule.value, context)
      );
    case 'changed_from_to':
      return (
        changed && equals(kind, was, value[0], context) && equals(kind, now, value[1], context)
      );
    case 'became_empty':
      return changed && !blank(was) && blank(now);
    case 'became_not_empty':
      return changed && blank(was) && !blank(now);
  }
}

function reference(
  group: ConditionGroup,
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
  context: Context,
): boolean {
  const results = group.rules.map((node) =>
    'rules' in node
      ? reference(node, before, after, changedFields, context)
      : referenceRule(node, before, after, changedFields, context),
  );
  const result = group.combinator === 'and' ? results.every(Boolean) : results.some(Boolean);
  return group.not ? !result : result;
}

function referenceFires(
  trigger: ChannelTrigger,
  group: ConditionGroup,
  before: LeadValues | null,
  after: LeadValues,
  changedFields: ReadonlySet<string>,
  context: Context,
): boolean {
  const holdsNow = reference(group, before, after, changedFields, context);
  if (trigger === 'every_time') return holdsNow;
  const heldBefore = before !== null && reference(group, null, before, new Set(), context);
  return holdsNow && !heldBefore;
}

// ---------------------------------------------------------------------------
// Generators: small pools, so values, operands, blanks and case variants collide often.

// Every day and instant lies near one anchor day (DST changes in Europe, Chile and the US), so
// values, operands and "now" fall on the same and neighbouring days, and on month lengths.
const ANCHORS = ['2026-03-29', '2026-09-06', '2026-11-01'].map((day) =>
  Date.parse(`${day}T00:00:00Z`),
);
interface Change {
  before: LeadValues | null;
  after: LeadValues;
}

/** Generators whose days and instants all lie near one anchor day. */
function arbitraries(anchor: number) {
  // Mostly the anchor's own days; often the edges of 1–2 days, weeks and months from it.
  const edges = [1, 2, 3, 7, 8, 14, 15, 27, 28, 29, 30, 31, 32, 58, 59, 60, 61, 62];
  const dayOffsetArb = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -2, max: 2 }) },
    { weight: 3, arbitrary: fc.constantFrom(...edges, ...edges.map((d) => -d)) },
    { weight: 1, arbitrary: fc.integer({ min: -70, max: 70 }) },
  );
  const anchoredDayArb = dayOffsetArb.map((offset) => anchor + offset * 86_400_000);
  /** Whole and half hours from -14 h to +14 h around a UTC midnight (every zone's midnight), ± a second. */
  const instantArb = fc
    .tuple(
      anchoredDayArb,
      fc.integer({ min: -28, max: 28 }),
      fc.constantFrom(-1000, 0, 999, 0, 0, 1_234_567),
    )
    .map(([day, halfHours, ms]) => day + halfHours * 1_800_000 + ms);
  const dayArb = anchoredDayArb.map((instant) => new Date(instant).toISOString().slice(0, 10));
  const salesforceDatetime = (instant: number) =>
    new Date(instant).toISOString().replace('Z', '+0000');
  const INTERESTS = ['Analytics', 'Billing', 'CRM', 'crm', 'Data'];
  const interestsArb = fc
    .shuffledSubarray(INTERESTS, { minLength: 1 })
    .map((picked) => picked.join(';'));
  const TEXTS = [
    'Acme',
    'acme',
    'ACME Corp',
    'cme',
    'corp',
    'Straße',
    'STRASSE',
    'İstanbul',
    'istanbul',
    ' ',
    'a@b.io',
    // The two characters that lower-case into ASCII: İ (to "i̇") and the Kelvin sign (to "k").
    'xİ',
    'İk',
    '\u212Ai',
  ];
  const trickyText = fc.string({
    unit: fc.constantFrom('a', 'A', 'i', 'İ', 'k', 'K', '\u212A', '\u0307', 'ß', ' '),
    maxLength: 5,
  });
  const textArb = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 6 }), trickyText);
  const numberArb = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 12.5, 1e6, -0));

  const blankArb = fc.constantFrom(null, '', undefined);
  const valueArb: Record<FieldKind, fc.Arbitrary<unknown>> = {
    text: fc.oneof(textArb, blankArb),
    picklist: fc.oneof(fc.constantFrom('Hot', 'Warm', 'Cold', 'hot'), blankArb),
    multipicklist: fc.oneof(interestsArb, blankArb),
    boolean: fc.boolean(),
    number: fc.oneof(numberArb, blankArb),
    date: fc.oneof(dayArb, blankArb),
    datetime: fc.oneof(instantArb.map(salesforceDatetime), blankArb),
  };

  const leadArb: fc.Arbitrary<LeadValues> = fc.record(
    Object.fromEntries([...KIND_OF_FIELD].map(([field, kind]) => [field, valueArb[kind]])),
  ) as fc.Arbitrary<LeadValues>;

  /** One operand of a kind, as the builder would store it. */
  const operandArb: Record<FieldKind, fc.Arbitrary<ConditionValue>> = {
    text: fc.constantFrom(
      'acme',
      'ACME',
      'cme',
      'Corp',
      'strasse',
      'straße',
      'İstanbul',
      'a@b.io',
      'x',
      'k',
      'i',
      'xi',
      'ik',
      'i\u0307',
    ),
    picklist: fc.constantFrom('Hot', 'Warm', 'Cold'),
    multipicklist: fc.oneof(interestsArb, fc.shuffledSubarray(INTERESTS, { minLength: 1 })),
    boolean: fc.boolean(),
    number: fc.oneof(numberArb, numberArb.map(String)),
    date: dayArb,
    datetime: fc.oneof(
      dayArb,
      instantArb.map((instant) => new Date(instant).toISOString()),
    ),
  };

  const periodArb = fc.record({
    amount: fc.constantFrom(1, 1, 2, 30),
    unit: fc.constantFrom('days', 'weeks', 'months'),
  }) as fc.Arbitrary<RelativePeriod>;

  function valueFor(
    kind: FieldKind,
    operator: ConditionOperator,
  ): fc.Arbitrary<ConditionValue | undefined> {
    switch (operator) {
      case 'is_any_of':
      case 'is_none_of':
        return kind === 'multipicklist'
          ? fc.shuffledSubarray(INTERESTS, { minLength: 1 })
          : fc.uniqueArray(operandArb[kind] as fc.Arbitrary<string>, {
              minLength: 1,
              maxLength: 3,
            });
      case 'between':
        return fc.tuple(operandArb[kind], operandArb[kind]).map((pair) => {
          const key = (v: ConditionValue) =>
            kind === 'number' ? Number(v) : Date.parse(String(v));
          return key(pair[0]) <= key(pair[1]) ? pair : [pair[1], pair[0]];
        }) as fc.Arbitrary<ConditionValue>;
      case 'changed_from_to':
        return fc
          .tuple(operandArb[kind], operandArb[kind])
          .map((pair) =>
            kind === 'multipicklist' ? pair.map((v) => (Array.isArray(v) ? v.join(';') : v)) : pair,
          ) as fc.Arbitrary<ConditionValue>;
      case 'in_last':
      case 'in_next':
        return periodArb;
      case 'is_empty':
      case 'is_not_empty':
      case 'changed':
      case 'became_empty':
      case 'became_not_empty':
        return fc.constant(undefined);
      default:
        return operandArb[kind];
    }
  }

  function ruleArb(field: string, operator: ConditionOperator): fc.Arbitrary<ConditionRule> {
    return valueFor(KIND_OF_FIELD.get(field)!, operator).map((value) => ({
      field,
      operator,
      value,
    }));
  }

  const anyRuleArb = fc
    .constantFrom(
      ...[...KIND_OF_FIELD].flatMap(([field, kind]) =>
        OPERATORS_BY_KIND[kind].map((op) => [field, op] as const),
      ),
    )
    .chain(([field, operator]) => ruleArb(field, operator));

  /** Groups nested up to `depth` deep (the schema allows 6). */
  function groupArb(depth: number): fc.Arbitrary<ConditionGroup> {
    const node =
      depth > 1
        ? fc.oneof(
            { weight: 3, arbitrary: anyRuleArb },
            { weight: 1, arbitrary: groupArb(depth - 1) },
          )
        : anyRuleArb;
    return fc.record({
      combinator: fc.constantFrom('and', 'or'),
      not: fc.boolean(),
      rules: fc.array(node, { minLength: 1, maxLength: 4 }),
    });
  }

  /** The same value written another way: a case, blank, order or format the sync could see. */
  function equivalentArb(kind: FieldKind, value: unknown): fc.Arbitrary<unknown> {
    if (blank(value)) return fc.constantFrom(null, '', undefined);
    if (kind === 'multipicklist')
      return fc
        .shuffledSubarray((value as string).split(';'), {
          minLength: (value as string).split(';').length,
        })
        .map((t) => t.join(';'));
    if (kind === 'datetime') return fc.constantFrom((value as string).replace('+0000', 'Z'), value);
    if (kind === 'text')
      return fc.constantFrom((value as string).toUpperCase(), (value as string).toLowerCase());
    return fc.constant(value);
  }

  /**
   * A change to a Lead: created (before null), or edited — the focus field often, to a new
   * value or the same one written differently. changedFields is mostly the sync's diff, and
   * sometimes not: the evaluator must trust it for "changed".
   */

  function changeArb(focus: string[]) {
    return fc
      .tuple(
        fc.option(leadArb, { freq: 5 }),
        leadArb,
        fc.subarray([...KIND_OF_FIELD.keys()], { maxLength: 2 }),
        fc.boolean(),
      )
      .chain(([before, fresh, alsoEdited, rewrite]) => {
        if (before === null) return fc.constant<Change>({ before: null, after: fresh });
        const edits = Object.fromEntries(
          focus.map((field) => [
            field,
            rewrite
              ? equivalentArb(KIND_OF_FIELD.get(field)!, before[field])
              : fc.constant(fresh[field]),
          ]),
        );
        return fc.record(edits).map((focused) => {
          const after: Record<string, unknown> = { ...before, ...focused };
          for (const field of alsoEdited) after[field] = fresh[field];
          return { before, after } as Change;
        });
      })
      .chain(({ before, after }: Change) => {
        const diff = Object.keys(after).filter(
          (f) =>
            before !== null &&
            JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null),
        );
        return fc
          .oneof(
            { weight: 3, arbitrary: fc.constant(diff) },
            { weight: 1, arbitrary: fc.constant(diff.filter((f) => !focus.includes(f))) },
            { weight: 1, arbitrary: fc.subarray([...KIND_OF_FIELD.keys()]) },
          )
          .map((fields) => ({ before, after, changedFields: new Set(fields) }));
      });
  }

  const contextArb = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    // "Now" is on or next to the anchor day, wherever the zone puts midnight.
    now: fc
      .integer({ min: -28, max: 28 })
      .map((halfHours) => anchor + halfHours * 1_800_000 + 17_000),
  });

  return { ruleArb, anyRuleArb, groupArb, changeArb, contextArb };
}

function compiled(group: ConditionGroup, context: Context) {
  expect(validateConditions(group, describeResult)).toEqual([]);
  return compileConditions(group, describeResult, {
    timeZone: context.timeZone,
    now: () => context.now,
  });
}

// ---------------------------------------------------------------------------

describe('the compiled evaluator agrees with the reference reading of AUTOMATION.md', () => {
  const pairs = [...KIND_OF_FIELD].flatMap(([field, kind]) =>
    OPERATORS_BY_KIND[kind].map((operator) => [kind, field, operator] as const),
  );

  it.each(pairs)('%s field %s, operator %s', (kind, field, operator) => {
    const cases = fc.constantFrom(...ANCHORS).chain((anchor) => {
      const { ruleArb, changeArb, contextArb } = arbitraries(anchor);
      return fc.tuple(ruleArb(field, operator), changeArb([field]), contextArb);
    });
    fc.assert(
      fc.property(cases, ([rule, { before, after, changedFields }, context]) => {
        const group: ConditionGroup = { combinator: 'and', rules: [rule] };
        const expected = reference(group, before, after, changedFields, context);
        expect(compiled(group, context)(before, after, changedFields)).toBe(expected);
      }),
      { numRuns: kind === 'date' || kind === 'datetime' ? 500 : 150 },
    );
  });

  it('nested, negated groups of any rules, and both trigger modes', () => {
    const cases = fc.constantFrom(...ANCHORS).chain((anchor) => {
      const { groupArb, changeArb, contextArb } = arbitraries(anchor);
      return fc.tuple(
        groupArb(4),
        changeArb(['Company', 'Rating', 'Interests__c', 'CreatedDate']),
        contextArb,
        fc.constantFrom<ChannelTrigger>('becomes_true', 'every_time'),
      );
    });
    fc.assert(
      fc.property(cases, ([group, { before, after, changedFields }, context, trigger]) => {
        const evaluate = compiled(group, context);
        expect(evaluate(before, after, changedFields)).toBe(
          reference(group, before, after, changedFields, context),
        );
        expect(channelFires(evaluate, trigger, before, after, changedFields)).toBe(
          referenceFires(trigger, group, before, after, changedFields, context),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('any conditions the schema lets through', () => {
  const fieldArb = fc.constantFrom(
    ...KIND_OF_FIELD.keys(),
    'Nope__c',
    'constructor',
    'Address',
    'Lead_Age__c',
  );
  const valueArb = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('Hot', 'CRM;Data', '2026-03-29', '2026-03-29T10:00:00Z', '5', 'true'),
    fc.double(),
    fc.boolean(),
    fc.array(
      fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constantFrom('Hot', '2026-03-29')),
      { maxLength: 3 },
    ),
    fc.record({
      amount: fc.integer({ min: -2, max: 2000 }),
      unit: fc.constantFrom('days', 'weeks', 'months', 'years'),
    }),
  );
  const ruleArb = fc.record({
    field: fieldArb,
    operator: fc.constantFrom(...Object.values(OPERATORS_BY_KIND).flat()),
    value: valueArb,
  });
  const groupArb = fc.letrec<{ group: unknown }>((tie) => ({
    group: fc.record({
      combinator: fc.constantFrom('and', 'or'),
      not: fc.boolean(),
      rules: fc.array(fc.oneof({ depthSize: 'small' }, ruleArb, tie('group')), { maxLength: 4 }),
    }),
  })).group;
  /** A cache can hold anything in a field; the evaluator must still answer. */
  const oddLeadArb = fc.dictionary(
    fieldArb,
    fc.oneof(fc.anything(), fc.constantFrom('', 'Hot', 'CRM', 'garbage')),
  );

  it('are validated or compiled without throwing anything but a coded AppError, and evaluate any Lead', () => {
    fc.assert(
      fc.property(groupArb, fc.option(oddLeadArb), oddLeadArb, (input, before, after) => {
        const parsed = conditionGroupSchema.safeParse(input);
        if (!parsed.success) return;
        const errors = validateConditions(parsed.data, describeResult);
        let evaluate;
        try {
          evaluate = compileConditions(parsed.data, describeResult, {
            timeZone: 'Asia/Kathmandu',
            now: () => ANCHORS[0]!,
          });
        } catch (error) {
          expect(errors.length).toBeGreaterThan(0);
          expect(error).toMatchObject({ name: 'AppError', code: 'CHANNEL_CONDITIONS_INVALID' });
          return;
        }
        expect(errors).toEqual([]);
        expect(typeof evaluate(before, after, new Set(Object.keys(after)))).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
