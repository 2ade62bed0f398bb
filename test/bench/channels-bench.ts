// Benchmark: the compiled channel evaluator on 100,000 cached Leads × 20 channels, against
// json-logic-js evaluating the same rules exported with react-querybuilder's
// formatQuery(…, 'jsonlogic'). Run with `npm run bench:channels`. Prints figures; it is not a
// timed test.
//
// json-logic cannot express the change operators (it sees one object, not before and after),
// multi-select picklists or dates relative to today, so the comparison runs on each
// channel's value rules only: change operators replaced by their value ("changed to X" → "is
// X"), the rest dropped. The compiled evaluator is also measured on the full channels.
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { formatQuery, jsonLogicAdditionalOperators } from 'react-querybuilder/formatQuery';
import type { ConditionGroup, ConditionRule } from '../../src-preload/contract';
import { channelFires } from '../../src-main/core/channels/channel-trigger';
import {
  compileConditions,
  type LeadValues,
} from '../../src-main/core/channels/compile-conditions';
import { channelTestDescribe } from '../support/channel-describe';

const LEADS = 100_000;
const CHANNELS = 20;
const NOW = Date.parse('2026-03-30T08:00:00Z');

const FIELDS = [
  'Id',
  'FirstName',
  'LastName',
  'Company',
  'Title',
  'Email',
  'Phone',
  'Country',
  'State',
  'LeadSource',
  'Status',
  'Industry',
  'Rating',
  'AnnualRevenue',
  'NumberOfEmployees',
  'Discount__c',
  'CreatedDate',
  'LastActivityDate',
  'Interests__c',
  'IsConverted',
];
const full = channelTestDescribe();
const describe = { ...full, fields: full.fields.filter((field) => FIELDS.includes(field.name)) };

/** A small deterministic PRNG (mulberry32), so every run measures the same data. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, pick };
}

const STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];
const RATINGS = ['Hot', 'Warm', 'Cold', null];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = ['Banking', 'Biotechnology', 'Communications', 'Consulting', 'Apparel', null];
const COUNTRIES = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR', null];
const STATES = ['CA', 'NY', 'TX', 'WA', 'MA', null];
const TITLES = [
  'VP Sales',
  'Head of IT',
  'Director of Operations',
  'Engineer',
  'Analyst',
  'CEO',
  null,
];
const INTERESTS = ['Analytics', 'Billing', 'CRM', 'Data'];

/** One cached Lead, and the same Lead before its last change (1–3 fields edited). */
function syntheticLead(random: ReturnType<typeof randomSource>, index: number) {
  const day = (offset: number) => new Date(NOW - offset * 86_400_000).toISOString().slice(0, 10);
  const after: Record<string, unknown> = {
    Id: `00Q${String(index).padStart(15, '0')}`,
    FirstName: random.pick(['Ann', 'Bo', 'Chen', 'Dara', null]),
    LastName: `Lead ${index}`,
    Company: random.pick(['Acme', 'Globex', 'Initech', 'Test Co', 'Umbrella']),
    Title: random.pick(TITLES),
    Email:
      random.next() < 0.9
        ? `lead${index}@${random.pick(['example.com', 'mail.org', 'corp.io'])}`
        : null,
    Phone: random.next() < 0.7 ? '+1 555 0100' : null,
    Country: random.pick(COUNTRIES),
    State: random.pick(STATES),
    LeadSource: random.pick(SOURCES),
    Status: random.pick(STATUSES),
    Industry: random.pick(INDUSTRIES),
    Rating: random.pick(RATINGS),
    AnnualRevenue: random.next() < 0.9 ? Math.round(random.next() * 20_000_000) : null,
    NumberOfEmployees: random.next() < 0.9 ? Math.round(random.next() * 10_000) : null,
    Discount__c: Math.round(random.next() * 1000) / 10,
    CreatedDate: new Date(NOW - random.next() * 400 * 86_400_000)
      .toISOString()
      .replace('Z', '+0000'),
    LastActivityDate: random.next() < 0.8 ? day(Math.floor(random.next() * 200)) : null,
    Interests__c: INTERESTS.filter(() => random.next() < 0.4).join(';') || null,
    IsConverted: false,
  };
  const before: Record<string, unknown> = { ...after };
  const edits: [string, readonly unknown[]][] = [
    ['Status', STATUSES],
    ['Rating', RATINGS],
    ['LeadSource', SOURCES],
    ['Email', [null, 'old@example.com']],
  ];
  const changed = new Set<string>();
  for (const [field, values] of edits) {
    if (random.next() < 0.4) {
      before[field] = random.pick(values);
      if (before[field] !== after[field]) changed.add(field);
    }
  }
  return { before: before as LeadValues, after: after as LeadValues, changed };
}

// Channels like an admin writes them: 5–10 rules, nested groups, change operators.
const rule = (
  field: string,
  operator: ConditionRule['operator'],
  value?: ConditionRule['value'],
): ConditionRule => (value === undefined ? { field, operator } : { field, operator, value });

function channel(index: number): ConditionGroup {
  const status = STATUSES[index % 4]!;
  const revenue = 1_000_000 * (1 + (index % 5));
  const countries = [['US', 'CA'], ['US'], ['GB', 'DE', 'FR'], ['CA']][index % 4]!;
  const industry = ['Banking', 'Biotechnology', 'Consulting', 'Communications'][index % 4]!;
  switch (index % 5) {
    case 0:
      return {
        combinator: 'and',
        rules: [
          rule('Status', 'changed_to', status),
          rule('Country', 'is_any_of', countries),
          {
            combinator: 'or',
            rules: [rule('Rating', 'is', 'Hot'), rule('AnnualRevenue', 'gt', revenue)],
          },
          rule('Email', 'is_not_empty'),
          rule('LeadSource', 'is_none_of', ['Purchased List']),
          { combinator: 'and', not: true, rules: [rule('Company', 'contains', 'Test')] },
        ],
      };
    case 1:
      return {
        combinator: 'and',
        rules: [
          rule('Rating', 'changed_from_to', ['Warm', 'Hot']),
          rule('NumberOfEmployees', 'between', [50, 2000 + index * 100]),
          rule('Industry', 'is_any_of', [industry, 'Consulting']),
          {
            combinator: 'or',
            rules: [
              rule('Title', 'starts_with', 'VP'),
              rule('Title', 'starts_with', 'Head'),
              rule('Title', 'contains', 'Director'),
            ],
          },
          rule('CreatedDate', 'gte', '2025-06-01'),
        ],
      };
    case 2:
      return {
        combinator: 'or',
        rules: [
          rule('Status', 'changed_to', 'Closed - Not Converted'),
          { combinator: 'and', rules: [rule('Email', 'became_empty'), rule('Phone', 'is_empty')] },
          {
            combinator: 'and',
            rules: [rule('Rating', 'is', 'Cold'), rule('LastActivityDate', 'lt', '2025-12-01')],
          },
          rule('Discount__c', 'gte', 90 - index),
        ],
      };
    case 3:
      return {
        combinator: 'and',
        rules: [
          rule('LeadSource', 'changed'),
          rule('LeadSource', 'is_any_of', ['Web', 'Partner Referral']),
          rule('State', 'is_any_of', ['CA', 'NY', 'TX', 'WA']),
          rule('AnnualRevenue', 'gte', revenue / 2),
          {
            combinator: 'or',
            rules: [
              rule('Industry', 'is', industry),
              {
                combinator: 'and',
                rules: [rule('NumberOfEmployees', 'gt', 200), rule('Rating', 'is_not', 'Cold')],
              },
            ],
          },
          rule('Title', 'is_not_empty'),
          rule('Interests__c', 'is_any_of', ['CRM']),
        ],
      };
    default:
      return {
        combinator: 'and',
        rules: [
          rule('Status', 'changed_from', 'Open - Not Contacted'),
          rule('Status', 'is_not', 'Closed - Converted'),
          rule('LastActivityDate', 'in_last', { amount: 30 + index, unit: 'days' }),
          {
            combinator: 'or',
            rules: [
              rule('Country', 'is', 'US'),
              rule('Country', 'is', 'CA'),
              {
                combinator: 'and',
                rules: [rule('Country', 'is', 'GB'), rule('AnnualRevenue', 'gt', 5_000_000)],
              },
            ],
          },
          rule('Email', 'ends_with', '.com'),
          rule('Discount__c', 'lt', 20 + index),
          rule('Rating', 'is_any_of', ['Hot', 'Warm']),
        ],
      };
  }
}

const VALUE_OF_CHANGE: Partial<Record<ConditionRule['operator'], ConditionRule['operator']>> = {
  changed_to: 'is',
  changed_from: 'is_not',
  changed_from_to: 'is',
  became_empty: 'is_empty',
  became_not_empty: 'is_not_empty',
};
const NOT_IN_JSON_LOGIC = new Set(['changed', 'in_last', 'in_next']);

/** A channel's value rules: what json-logic can express. */
function valueRules(group: ConditionGroup): ConditionGroup | undefined {
  const rules: ConditionGroup['rules'] = [];
  for (const node of group.rules) {
    if ('rules' in node) {
      const kept = valueRules(node);
      if (kept) rules.push(kept);
    } else if (!NOT_IN_JSON_LOGIC.has(node.operator) && node.field !== 'Interests__c') {
      const operator = VALUE_OF_CHANGE[node.operator];
      if (!operator) rules.push(node);
      else
        rules.push({
          ...node,
          operator,
          value: Array.isArray(node.value) ? node.value[1] : node.value,
        });
    }
  }
  return rules.length > 0 ? { ...group, rules } : undefined;
}

/** Our operators under react-querybuilder's default names, for its exporter. */
const BUILDER_OPERATOR: Record<string, string> = {
  is: '=',
  is_not: '!=',
  is_any_of: 'in',
  is_none_of: 'notIn',
  contains: 'contains',
  not_contains: 'doesNotContain',
  starts_with: 'beginsWith',
  ends_with: 'endsWith',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  between: 'between',
  is_empty: 'null',
  is_not_empty: 'notNull',
};

function asBuilderQuery(group: ConditionGroup): unknown {
  return {
    ...group,
    rules: group.rules.map((node) =>
      'rules' in node
        ? asBuilderQuery(node)
        : { ...node, operator: BUILDER_OPERATOR[node.operator], value: node.value ?? '' },
    ),
  };
}

function perSecond(evaluations: number, ms: number): number {
  return Math.round(evaluations / (ms / 1000));
}

/** CPU time of this thread in ms: the machine may be shared, and waiting for a core is not work. */
function threadMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** Best of `runs` passes over every Lead and channel, in thread CPU ms, and how many held. */
function timePasses(runs: number, pass: () => number): { ms: number; held: number } {
  let best = Infinity;
  let held = 0;
  for (let run = 0; run < runs; run += 1) {
    const start = threadMs();
    held = pass();
    best = Math.min(best, threadMs() - start);
  }
  return { ms: best, held };
}

function main() {
  const random = randomSource(20_261_130);
  const leads = Array.from({ length: LEADS }, (_, index) => syntheticLead(random, index));
  const channels = Array.from({ length: CHANNELS }, (_, index) => channel(index));
  const values = channels.map((group) => valueRules(group)!);
  const ruleCount = (group: ConditionGroup): number =>
    group.rules.reduce((sum, node) => sum + ('rules' in node ? ruleCount(node) : 1), 0);

  const options = { timeZone: 'America/New_York', now: () => NOW };
  const compileAll = (groups: ConditionGroup[]) =>
    groups.map((group) => compileConditions(group, describe, options));
  const compiled = compileAll(channels);
  const compiledValues = compileAll(values);
  const compileStart = threadMs();
  for (let run = 0; run < 100; run += 1) compileAll(channels);
  const compileMs = (threadMs() - compileStart) / 100;

  for (const [operator, apply] of Object.entries(jsonLogicAdditionalOperators)) {
    jsonLogic.add_operation(operator, apply as (...args: unknown[]) => unknown);
  }
  const logics = values.map(
    (group) => formatQuery(asBuilderQuery(group) as never, 'jsonlogic') as RulesLogic,
  );

  const evaluations = LEADS * CHANNELS;
  const valuePass = () => {
    let held = 0;
    for (const { before, after, changed } of leads) {
      for (const evaluate of compiledValues) if (evaluate(before, after, changed)) held += 1;
    }
    return held;
  };
  const fullPass = () => {
    let held = 0;
    for (const { before, after, changed } of leads) {
      for (const evaluate of compiled) if (evaluate(before, after, changed)) held += 1;
    }
    return held;
  };
  const firesPass = () => {
    let fired = 0;
    for (const { before, after, changed } of leads) {
      for (const evaluate of compiled)
        if (channelFires(evaluate, 'becomes_true', before, after, changed)) fired += 1;
    }
    return fired;
  };
  const jsonLogicPass = () => {
    let held = 0;
    for (const { after } of leads) {
      for (const logic of logics) if (jsonLogic.truthy(jsonLogic.apply(logic, after))) held += 1;
    }
    return held;
  };

  // Alternate the two and keep each one's best pass, so neither gets the quieter minute.
  valuePass();
  fullPass();
  let ours = Infinity;
  let theirs = Infinity;
  for (let round = 0; round < 3; round += 1) {
    ours = Math.min(ours, timePasses(3, valuePass).ms);
    theirs = Math.min(theirs, timePasses(1, jsonLogicPass).ms);
  }
  const fullRun = timePasses(5, fullPass);
  const fires = timePasses(5, firesPass);

  let agree = 0;
  for (const { before, after, changed } of leads) {
    for (const [index, evaluate] of compiledValues.entries()) {
      if (
        evaluate(before, after, changed) ===
        jsonLogic.truthy(jsonLogic.apply(logics[index]!, after))
      )
        agree += 1;
    }
  }

  const oursRate = perSecond(evaluations, ours);
  const theirsRate = perSecond(evaluations, theirs);
  const rules = channels.map(ruleCount);
  const rows: [string, string, string][] = [
    ['Rules per channel (full)', `${Math.min(...rules)}–${Math.max(...rules)} rules`, '5–10'],
    [
      'Rules json-logic can express, all channels',
      `${values.reduce((sum, group) => sum + ruleCount(group), 0)} of ${rules.reduce((sum, count) => sum + count, 0)} rules`,
      '',
    ],
    [
      'Rules per channel (value rules)',
      `${Math.min(...values.map(ruleCount))}–${Math.max(...values.map(ruleCount))} rules`,
      '',
    ],
    ['Compile, per channel', `${((compileMs / CHANNELS) * 1000).toFixed(0)} µs`, ''],
    ['Compiled evaluator, value rules', `${oursRate} evaluations/s`, ''],
    ['json-logic-js, same value rules', `${theirsRate} evaluations/s`, ''],
    ['Compiled / json-logic-js', `${(oursRate / theirsRate).toFixed(1)} ×`, '≥ 20 ×'],
    ['Same answer as json-logic-js', `${((agree / evaluations) * 100).toFixed(2)} %`, ''],
    [
      'Compiled evaluator, full channels',
      `${perSecond(evaluations, fullRun.ms)} evaluations/s`,
      '',
    ],
    ['channelFires (becomes true), full', `${perSecond(evaluations, fires.ms)} evaluations/s`, ''],
    ['Conditions held, full channels', `${fullRun.held} of ${evaluations} evaluations`, ''],
    ['Channels fired (becomes true)', `${fires.held} of ${evaluations} evaluations`, ''],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(
    `\nNode ${process.version}, ${LEADS.toLocaleString('en-US')} leads (${FIELDS.length} fields) × ${CHANNELS} channels; rates from thread CPU time\n`,
  );
  for (const [name, value, target] of rows) {
    process.stdout.write(
      `${name.padEnd(width)}  ${value}${target ? `   [target ${target}]` : ''}\n`,
    );
  }
}

main();
