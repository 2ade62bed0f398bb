import type { RulePlan } from './rule-plan';
import type { LeadValues } from './value-predicates';

/**
 * The commonest rules — a picklist, checkbox, number or date equal to a constant, a picklist
 * among constants, a number against bounds — kept as flat arrays that a group loops over
 * inline. A rule then costs a property read and a comparison instead of a function call,
 * which is most of what a closure per rule spends.
 */
export class ConstantComparisons {
  private readonly equalFields: string[] = [];
  private readonly equalValues: unknown[] = [];
  private readonly equalNegated: boolean[] = [];
  private readonly memberFields: string[] = [];
  private readonly memberSets: Set<unknown>[] = [];
  private readonly memberNegated: boolean[] = [];
  private readonly rangeFields: string[] = [];
  private readonly lows: number[] = [];
  private readonly highs: number[] = [];
  private readonly lowInclusive: boolean[] = [];
  private readonly highInclusive: boolean[] = [];
  private readonly rangeNegated: boolean[] = [];

  /** Takes a value rule (with its negation folded out) if it is one of these; says whether it did. */
  add(plan: RulePlan, negated: boolean): boolean {
    const { field, kind, operator } = plan;
    const exact = kind === 'picklist' || kind === 'boolean' || kind === 'number' || kind === 'date';
    if (operator === 'is' && exact && plan.shape === 'one') {
      this.equalFields.push(field);
      this.equalValues.push(plan.operand);
      this.equalNegated.push(negated);
      return true;
    }
    if (operator === 'is_any_of' && kind === 'picklist' && plan.shape === 'list') {
      this.memberFields.push(field);
      this.memberSets.push(new Set(plan.operands));
      this.memberNegated.push(negated);
      return true;
    }
    if (kind !== 'number' || (plan.shape !== 'one' && plan.shape !== 'pair')) return false;
    const [first, last] = plan.shape === 'one' ? [plan.operand, plan.operand] : plan.operands;
    const bounds: Partial<Record<string, [number, number, boolean, boolean]>> = {
      lt: [-Infinity, first as number, true, false],
      lte: [-Infinity, first as number, true, true],
      gt: [first as number, Infinity, false, true],
      gte: [first as number, Infinity, true, true],
      between: [first as number, last as number, true, true],
    };
    const range = bounds[operator];
    if (!range) return false;
    this.rangeFields.push(field);
    this.lows.push(range[0]);
    this.highs.push(range[1]);
    this.lowInclusive.push(range[2]);
    this.highInclusive.push(range[3]);
    this.rangeNegated.push(negated);
    return true;
  }

  /** Whether some rule here comes out `decisive` (false decides an `and`, true an `or`). */
  decides(lead: LeadValues, decisive: boolean): boolean {
    for (let i = 0; i < this.equalFields.length; i += 1) {
      const holds = lead[this.equalFields[i]!] === this.equalValues[i];
      if ((holds !== this.equalNegated[i]) === decisive) return true;
    }
    for (let i = 0; i < this.memberFields.length; i += 1) {
      const holds = this.memberSets[i]!.has(lead[this.memberFields[i]!]);
      if ((holds !== this.memberNegated[i]) === decisive) return true;
    }
    for (let i = 0; i < this.rangeFields.length; i += 1) {
      const value = lead[this.rangeFields[i]!];
      const holds =
        typeof value === 'number' &&
        (this.lowInclusive[i] ? value >= this.lows[i]! : value > this.lows[i]!) &&
        (this.highInclusive[i] ? value <= this.highs[i]! : value < this.highs[i]!);
      if ((holds !== this.rangeNegated[i]) === decisive) return true;
    }
    return false;
  }
}
