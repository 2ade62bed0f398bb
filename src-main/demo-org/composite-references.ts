// Composite references: `@{refId.field}`, `@{refId.records[0].Id}` in a subrequest's url or body,
// resolved from the answers of earlier subrequests.
import { isPlainObject } from './records';
import { SfApiError } from './sf-errors';

/** What a referenceId may be: letters, digits and underscores, not starting with an underscore. */
export const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

const REFERENCE = /@\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^@\{([^}]*)\}$/;
const STEP = /\.([^.[\]]+)|\[(\d+)\]/y;

type Scalar = string | number | boolean | null;

/**
 * The subrequest's url or body with every reference replaced. A string that is one reference
 * takes the referenced value itself (a number stays a number); one inside text is spliced in.
 * A reference to a subrequest that failed, has not run or lacks the path answers
 * PROCESSING_HALTED, as Salesforce does.
 */
export function resolveReferences(value: unknown, answers: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return lookup(whole[1] ?? '', answers);
    return value.replace(REFERENCE, (_text, expression: string) =>
      String(lookup(expression, answers) ?? ''),
    );
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, answers));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveReferences(item, answers)]),
    );
  }
  return value;
}

/** `refId.a.b[0].c` in the answers; only a scalar (or null) can be referred to. */
function lookup(expression: string, answers: ReadonlyMap<string, unknown>): Scalar {
  const name = /^[^.[]*/.exec(expression)?.[0] ?? '';
  const missing = new SfApiError(
    400,
    'PROCESSING_HALTED',
    `Invalid reference specified. No value for ${expression} found in ${name}.`,
  );
  if (!answers.has(name)) throw missing;
  let current: unknown = answers.get(name);
  STEP.lastIndex = name.length;
  while (STEP.lastIndex < expression.length) {
    const step = STEP.exec(expression);
    if (!step) throw missing;
    const [, key, index] = step;
    if (key !== undefined && isPlainObject(current) && key in current) current = current[key];
    else if (index !== undefined && Array.isArray(current) && Number(index) < current.length)
      current = current[Number(index)];
    else throw missing;
  }
  if (isScalar(current)) return current;
  throw missing;
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}
