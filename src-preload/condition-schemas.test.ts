import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelRulesSchema, conditionGroupSchema } from './contract';

function issuesOf(input: unknown) {
  const result = conditionGroupSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map(({ path, message }) => ({ path, message }));
}

function nested(depth: number): unknown {
  let group: unknown = { combinator: 'and', rules: [{ field: 'Rating', operator: 'is_empty' }] };
  for (let i = 1; i < depth; i += 1) group = { combinator: 'or', rules: [group] };
  return group;
}

describe('condition schemas refuse bad input with a clear error', () => {
  it('an unknown operator, at the rule that has it', () => {
    expect(
      issuesOf({
        combinator: 'and',
        rules: [{ combinator: 'or', rules: [{ field: 'Status', operator: 'regex', value: '.*' }] }],
      }),
    ).toEqual([
      {
        path: ['rules', 0, 'rules', 0, 'operator'],
        message: expect.stringContaining('"changed_to"'),
      },
    ]);
  });

  it.each([
    ["Status'; DROP TABLE leads; --"],
    ['__proto__'],
    ['Status) OR (1=1'],
    ['<script>alert(1)</script>'],
  ])('an injected field name: %s', (field) => {
    expect(issuesOf({ combinator: 'and', rules: [{ field, operator: 'is', value: 'x' }] })).toEqual(
      [{ path: ['rules', 0, 'field'], message: 'a field is named by its Salesforce API name' }],
    );
  });

  it('a value that is neither a scalar, a list nor a period', () => {
    expect(
      issuesOf({
        combinator: 'and',
        rules: [{ field: 'Status', operator: 'is', value: { $where: 'sleep(1)' } }],
      })[0]?.path,
    ).toEqual(['rules', 0, 'value']);
  });

  it('10,000 rules', () => {
    const rules = Array.from({ length: 10_000 }, () => ({ field: 'Rating', operator: 'is_empty' }));
    expect(issuesOf({ combinator: 'and', rules })).toEqual([
      {
        path: [],
        message: 'Conditions have more than 200 rules; split them over several channels.',
      },
    ]);
  });

  it('groups nested 100 deep, and 100,000 deep without overflowing the stack', () => {
    const tooDeep = [
      { path: [], message: 'Conditions nest groups more than 6 deep; flatten them.' },
    ];
    expect(issuesOf(nested(100))).toEqual(tooDeep);
    expect(issuesOf(nested(100_000))).toEqual(tooDeep);
    expect(conditionGroupSchema.safeParse(nested(6)).success).toBe(true);
  });

  it('a combinator react-querybuilder has but channels do not', () => {
    expect(issuesOf({ combinator: 'xor', rules: [] })[0]?.path).toEqual(['combinator']);
  });

  it('an unknown time zone, and defaults the trigger to "becomes true"', () => {
    const conditions = { combinator: 'and', rules: [] };
    expect(channelRulesSchema.safeParse({ conditions, timeZone: 'Europe/Atlantis' }).success).toBe(
      false,
    );
    expect(channelRulesSchema.parse({ conditions, timeZone: 'America/Sao_Paulo' }).trigger).toBe(
      'becomes_true',
    );
  });

  it('keeps a react-querybuilder query as it is (ids, not), dropping what it does not know', () => {
    const query = {
      id: 'root',
      combinator: 'and',
      not: false,
      rules: [
        {
          id: 'r1',
          field: 'Status',
          operator: 'changed_to',
          value: 'Working - Contacted',
          valueSource: 'value',
        },
      ],
    };
    expect(conditionGroupSchema.parse(query)).toEqual({
      id: 'root',
      combinator: 'and',
      not: false,
      rules: [{ id: 'r1', field: 'Status', operator: 'changed_to', value: 'Working - Contacted' }],
    });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 8 }), (input) => {
        conditionGroupSchema.safeParse(input);
        conditionGroupSchema.safeParse({ combinator: 'and', rules: [input] });
      }),
      { numRuns: 2000 },
    );
  });
});
