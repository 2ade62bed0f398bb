// Duplicate rules matching people by email, as an admin sets them up in Setup → Duplicate Rules:
// one rule per object (Lead, Contact), each comparing the saved record's Email with the records
// of the objects its matching rules cover. What a rule does with a match is its action:
// "Block" refuses the save; "Allow" with an alert refuses an API save too unless the request
// acknowledges the alert (`Sforce-Duplicate-Rule-Header: allowSave=true`, documented for REST
// from API 52.0); "Allow" without an alert (report only) saves silently.
import type { OrgState } from './org-state';
import type { IncomingHttpHeaders } from 'node:http';
import type { SaveError, SaveOptions } from './save-result';
import type { SfRecord } from './schema-types';
import { badAdminRequest as bad } from './sf-errors';

export const DUPLICATE_OBJECTS = ['Lead', 'Contact'] as const;
export type DuplicateObject = (typeof DUPLICATE_OBJECTS)[number];
export const DUPLICATE_ACTIONS = ['block', 'alert', 'allow'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];

/** The alert text Salesforce's standard duplicate rules carry, unless the admin wrote another. */
export const DEFAULT_DUPLICATE_MESSAGE =
  "You're creating a duplicate record. We recommend you use an existing record instead.";

export interface DuplicateRule {
  action: DuplicateAction;
  /** The objects whose records the rule's matching rules compare with (by Email). */
  matchAgainst: DuplicateObject[];
  /** The alert text, which is also the error message of a refused save. */
  message: string;
}

export type DuplicateRules = Partial<Record<DuplicateObject, DuplicateRule>>;

/** What a refused save reports about the records a rule matched. */
export interface DuplicateFinding {
  rule: string;
  object: DuplicateObject;
  allowSave: boolean;
  matches: { object: DuplicateObject; rule: string; ids: string[] }[];
}

/** The rules the `duplicateRuleOnEmail` shorthand stands for: Leads blocked against Leads. */
export function leadEmailRule(): DuplicateRules {
  return {
    Lead: { action: 'block', matchAgainst: ['Lead'], message: DEFAULT_DUPLICATE_MESSAGE },
  };
}

const ruleName = (object: string) => `Leadbridge_Demo_${object}_Email_Rule`;
const matchRuleName = (object: string) => `Leadbridge_Demo_${object}_Email_Match`;

/** `Sforce-Duplicate-Rule-Header: allowSave=true; …` acknowledges alerts (default false). */
export function saveOptionsFrom(headers: IncomingHttpHeaders): SaveOptions {
  const header = headers['sforce-duplicate-rule-header'];
  if (typeof header !== 'string') return { allowSave: false };
  const allowSave = header
    .split(';')
    .map((part) => part.split('=').map((s) => s.trim().toLowerCase()))
    .some(([key, value]) => key === 'allowsave' && value === 'true');
  return { allowSave };
}

/**
 * The refusal a save of `values` meets, or null when it may go ahead. Only a save that sets
 * Email is compared; records saved in the same call are not compared with each other.
 */
export function duplicateRefusal(
  state: OrgState,
  object: string,
  values: SfRecord,
  selfId: string | null,
  allowSave: boolean,
): SaveError | null {
  const rule = state.settings.duplicateRules[object as DuplicateObject];
  const email = values.Email;
  if (!rule || rule.action === 'allow' || typeof email !== 'string') return null;
  if (rule.action === 'alert' && allowSave) return null;
  const wanted = email.toLowerCase();
  const matches = rule.matchAgainst
    .map((other) => ({
      object: other,
      rule: matchRuleName(other),
      // Matching runs with system sharing (the header's runAsCurrentUser defaults to false).
      ids: [...state.table(other).values()]
        .filter((record) => record.Id !== selfId && record.IsDeleted !== true)
        .filter((record) => typeof record.Email === 'string')
        .filter((record) => (record.Email as string).toLowerCase() === wanted)
        .map((record) => String(record.Id)),
    }))
    .filter((match) => match.ids.length > 0);
  if (matches.length === 0) return null;
  return {
    statusCode: 'DUPLICATES_DETECTED',
    message: rule.message,
    fields: [],
    duplicate: {
      rule: ruleName(object),
      object: object as DuplicateObject,
      allowSave: rule.action === 'alert',
      matches,
    },
  };
}

/**
 * A single-record call's refusal: the error with its DuplicateResult, under the key Salesforce's
 * REST API really sends (`duplicateResut`, misspelt, as captured from real orgs).
 */
export function duplicateErrorBody(error: SaveError, version: string): Record<string, unknown>[] {
  const finding = error.duplicate;
  return [
    {
      duplicateResut: {
        allowSave: finding?.allowSave ?? false,
        duplicateRule: finding?.rule ?? null,
        duplicateRuleEntityType: finding?.object ?? null,
        errorMessage: error.message,
        matchResults: (finding?.matches ?? []).map((match) => ({
          entityType: match.object,
          errors: [],
          matchEngine: 'ExactMatchEngine',
          matchRecords: match.ids.map((id) => ({
            additionalInformation: [],
            fieldDiffs: [],
            matchConfidence: 100.0,
            record: {
              attributes: {
                type: match.object,
                url: `/services/data/v${version}/sobjects/${match.object}/${id}`,
              },
              Id: id,
            },
          })),
          rule: match.rule,
          size: match.ids.length,
          success: true,
        })),
      },
      errorCode: error.statusCode,
      message: error.message,
    },
  ];
}

/** Reads the admin API's `{Lead?: {action, matchAgainst?, message?} | null, Contact?: …}`. */
export function parseDuplicateRules(
  body: Record<string, unknown>,
  current: DuplicateRules,
): DuplicateRules {
  const next: DuplicateRules = { ...current };
  for (const [object, raw] of Object.entries(body)) {
    if (!DUPLICATE_OBJECTS.includes(object as DuplicateObject))
      throw bad(`duplicate rules exist for ${DUPLICATE_OBJECTS.join(' and ')} only`);
    const key = object as DuplicateObject;
    if (raw === null) {
      delete next[key];
      continue;
    }
    const rule = raw as Partial<Record<keyof DuplicateRule, unknown>>;
    if (typeof raw !== 'object' || !DUPLICATE_ACTIONS.includes(rule.action as DuplicateAction))
      throw bad(`${object}: action must be one of ${DUPLICATE_ACTIONS.join(', ')}`);
    const against = rule.matchAgainst ?? [key];
    if (
      !Array.isArray(against) ||
      against.length === 0 ||
      !against.every((o) => DUPLICATE_OBJECTS.includes(o as DuplicateObject))
    )
      throw bad(`${object}: matchAgainst must list Lead and/or Contact`);
    if (rule.message !== undefined && (typeof rule.message !== 'string' || rule.message === ''))
      throw bad(`${object}: message must be a non-empty string`);
    next[key] = {
      action: rule.action as DuplicateAction,
      matchAgainst: [...new Set(against as DuplicateObject[])],
      message: (rule.message as string | undefined) ?? DEFAULT_DUPLICATE_MESSAGE,
    };
  }
  return next;
}
