import {
  methods,
  type ApiResult,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../src-preload/contract';
import { toApiError } from './errors';
import type { Logger } from './ports';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/**
 * The one path every call takes, whichever transport brought it: look the method up, parse
 * the input with its schema, run the handler, and turn any failure into `{ code, message }`.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  logger: Logger,
): Promise<ApiResult<unknown>> {
  if (!isMethodName(name)) {
    return fail('UNKNOWN_METHOD', `Leadbridge has no method called "${name.slice(0, 60)}".`);
  }
  const parsed = methods[name].input.safeParse(rawInput ?? undefined);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    return fail('INVALID_INPUT', `The request to ${name} was not valid (${problems}).`);
  }
  try {
    // The name and its parsed input come from the same table entry, so the pairing holds.
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const apiError = toApiError(error);
    // Names and codes only: messages of unexpected errors may carry request values.
    logger.error('method failed', { method: name, code: apiError.code });
    return { ok: false, error: apiError };
  }
}

function fail(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
