// Test and demo control under /__admin. Never part of the Salesforce surface; admin-guard.ts
// says who may call it.
import type { OrgServices } from './api-context';
import type { Exchange } from './http-util';
import { MAX_REQUEST_HEAD_BYTES, readJson, send, sendJson } from './http-util';
import type { OAuthEndpoints } from './oauth';
import type { SessionStore } from './sessions';
import type { RequestLog } from './request-log';
import type { StreamingEndpoint } from './streaming';
import { handleAutomationAdmin } from './admin-automation';
import { newCustomFields } from './custom-fields';
import { leadEmailRule, parseDuplicateRules } from './duplicate-rules';
import { FAULT_KINDS, isFaultKind } from './faults';
import { withFormulas } from './formulas';
import { objectBody } from './admin-body';
import { listPeople, personDetail } from './admin-people';
import { isPlainObject } from './records';
import { normaliseId } from './salesforce-id';
import { seedLeads } from './seed-leads';
import { tallyWrites } from './write-tally';
import { badAdminRequest, notFound } from './sf-errors';

export const ADMIN_ORIGIN = 'com/salesforce/ui/lightning';

export interface AdminDeps {
  services: OrgServices;
  sessions: SessionStore;
  oauth: OAuthEndpoints;
  requests: RequestLog;
  streaming: StreamingEndpoint;
  save: () => Promise<boolean>;
}

const bad = badAdminRequest;

/** A person saving in the UI sees a duplicate rule's alert and may save anyway (Block still blocks). */
const PERSON_SAVE = { allowSave: true };

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw bad(`${part} is not a valid percent-encoded path segment`);
  }
}

function numberIn(body: Record<string, unknown>, key: string, fallback: number): number {
  const value = body[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw bad(`${key} must be a non-negative number`);
  return value;
}

export async function handleAdmin(ex: Exchange, deps: AdminDeps): Promise<void> {
  const { services } = deps;
  const { state } = services;
  const parts = ex.path
    .split('/')
    .filter((p) => p !== '')
    .slice(1)
    .map(decodePathPart);
  const [head, second, third, fourth] = parts;
  const route = `${ex.method} ${head ?? ''}`;

  switch (route) {
    case 'POST leads': {
      const body = await objectBody(ex);
      const count = Math.floor(numberIn(body, 'count', 100));
      if (count > 1_000_000) throw bad('count must be at most 1,000,000');
      const seed =
        typeof body.seed === 'string' || typeof body.seed === 'number' ? body.seed : 'leadbridge';
      const ids = seedLeads(state, count, seed);
      return sendJson(ex, 201, {
        created: ids.length,
        firstId: ids[0] ?? null,
        lastId: ids[ids.length - 1] ?? null,
      });
    }
    case 'GET leads':
    case 'GET contacts': {
      // `{total, leads|contacts, fields}` and `{lead|contact, owner, account, tasks, events}`.
      const object = head === 'leads' ? 'Lead' : 'Contact';
      const key = object.toLowerCase();
      if (second === undefined) {
        const { records, ...list } = listPeople(state, object, ex.url.searchParams);
        return sendJson(ex, 200, { ...list, [`${key}s`]: records });
      }
      if (third !== undefined) throw notFound();
      const { record, ...detail } = personDetail(state, object, normaliseId(second) ?? second);
      return sendJson(ex, 200, { [key]: record, ...detail });
    }
    case 'POST sessions': {
      const body =
        ex.headers['content-length'] === undefined ? {} : await objectBody(ex).catch(() => ({}));
      const withRefresh = (body as Record<string, unknown>).refreshToken === true;
      const refresh = withRefresh
        ? deps.sessions.issueRefresh(state.demoUserId, 'api refresh_token id web')
        : null;
      const access = deps.sessions.issueAccess(
        state.demoUserId,
        'api refresh_token id web',
        refresh?.familyId ?? null,
      );
      return sendJson(ex, 201, deps.oauth.tokenResponse(access, refresh?.token ?? null));
    }
    case 'POST expire-sessions':
      return sendJson(ex, 200, { expired: deps.sessions.expireAll() });
    case 'POST revoke-sessions':
      return sendJson(ex, 200, { revoked: deps.sessions.revokeAll() });
    case 'GET settings':
      return sendJson(ex, 200, settingsView(services));
    case 'PATCH settings':
      applySettings(services, await objectBody(ex));
      return sendJson(ex, 200, settingsView(services));
    case 'POST faults': {
      const body = await objectBody(ex);
      if (!isFaultKind(body.kind)) throw bad(`kind must be one of ${FAULT_KINDS.join(', ')}`);
      const ratio = body.ratio === undefined ? null : numberIn(body, 'ratio', 0);
      if (ratio !== null && ratio > 1) throw bad('ratio must be between 0 and 1');
      const times = ratio === null ? Math.max(1, Math.floor(numberIn(body, 'times', 1))) : null;
      services.faults.add({
        kind: body.kind,
        remaining: times,
        ratio,
        ms: numberIn(body, 'ms', body.kind === 'late-commit' ? 60_000 : 2_000),
        match: typeof body.match === 'string' ? body.match : null,
        recordIds: recordIdsIn(body),
      });
      return sendJson(ex, 201, { faults: services.faults.list() });
    }
    case 'GET faults':
      return sendJson(ex, 200, { faults: services.faults.list() });
    case 'DELETE faults':
      services.faults.clear();
      return send(ex, 204, null);
    case 'GET requests':
      return sendJson(ex, 200, { requests: deps.requests.list() });
    case 'DELETE requests':
      deps.requests.clear();
      return send(ex, 204, null);
    case 'GET writes':
      return sendJson(ex, 200, tallyWrites(deps.requests.list(), state.schemas.values()));
    case 'GET events':
      return sendJson(ex, 200, { events: deps.streaming.events() });
    case 'POST fail-bulk-jobs': {
      const { errorMessage } = await objectBody(ex);
      if (errorMessage !== undefined && typeof errorMessage !== 'string')
        throw bad('errorMessage must be a string');
      return sendJson(ex, 200, { failed: services.bulkQueries.failRunning(errorMessage) });
    }
    case 'POST expire-bulk-jobs':
      return sendJson(ex, 200, { expired: services.bulkQueries.expireAll() });
    case 'POST expire-events':
      return sendJson(ex, 200, { expired: deps.streaming.expireEvents() });
    case 'POST drop-stream-clients':
      return sendJson(ex, 200, { dropped: deps.streaming.dropClients() });
    case 'POST save':
      return sendJson(ex, 200, { saved: await deps.save() });
    default:
      break;
  }

  if (await handleAutomationAdmin(ex, state, head, second)) return;

  if (head === 'sobjects' && second !== undefined) {
    const schema = state.schema(second);
    if (!schema) throw notFound();
    if (third === undefined && ex.method === 'POST') {
      const checked = services.rules.checkCreate(schema, await readJson(ex), PERSON_SAVE);
      if (!checked.ok) return saveError(ex, checked.error);
      const id = state.transact(actingUser(ex, deps), ADMIN_ORIGIN, (tx) =>
        String(tx.insert(schema.name, checked.value).Id),
      );
      return sendJson(ex, 201, { id, success: true, errors: [] });
    }
    if (third !== undefined && fourth === undefined) {
      const id = services.rules.checkId(schema, third);
      if (!id.ok) return saveError(ex, id.error);
      const record = state.table(schema.name).get(id.value);
      if (!record) throw notFound();
      if (ex.method === 'GET')
        return sendJson(
          ex,
          200,
          withFormulas(schema.fields, record, {
            resolve: (ref) => state.find(ref),
            nowMs: state.now(),
          }),
        );
      if (ex.method === 'PATCH') {
        const checked = services.rules.checkUpdate(
          schema,
          id.value,
          await readJson(ex),
          PERSON_SAVE,
        );
        if (!checked.ok) return saveError(ex, checked.error);
        const changed = state.transact(actingUser(ex, deps), ADMIN_ORIGIN, (tx) =>
          tx.update(schema.name, id.value, checked.value),
        );
        return sendJson(ex, 200, { id: id.value, changedFields: changed, record });
      }
      if (ex.method === 'DELETE') {
        const checked = services.rules.checkDelete(schema, id.value);
        if (!checked.ok) return saveError(ex, checked.error);
        state.transact(actingUser(ex, deps), ADMIN_ORIGIN, (tx) =>
          tx.remove(schema.name, id.value),
        );
        return send(ex, 204, null);
      }
    }
  }

  if (ex.method === 'POST' && head === 'convert' && second === 'Lead' && third !== undefined) {
    const body = await objectBody(ex);
    const converted = services.leads.convert(actingUser(ex, deps), third, {
      ...(typeof body.convertedStatus === 'string'
        ? { convertedStatus: body.convertedStatus }
        : {}),
      ...(typeof body.accountId === 'string' ? { accountId: body.accountId } : {}),
      doNotCreateOpportunity: body.doNotCreateOpportunity === true,
    });
    if (!converted.ok) return saveError(ex, converted.error);
    return sendJson(ex, 200, { ...converted.value, success: true });
  }
  if (ex.method === 'POST' && head === 'merge' && second === 'Lead' && third === undefined) {
    const body = await objectBody(ex);
    const fields = body.fields === undefined ? {} : body.fields;
    if (!isPlainObject(fields)) throw bad('fields must be an object of field values');
    const merged = services.leads.merge(
      actingUser(ex, deps),
      body.masterRecordId,
      body.recordIds,
      fields,
    );
    if (!merged.ok) return saveError(ex, merged.error);
    return sendJson(ex, 200, { ...merged.value, success: true });
  }
  if (ex.method === 'PATCH' && head === 'sharing' && second !== undefined && third !== undefined) {
    const body = await objectBody(ex);
    if (typeof body.visible !== 'boolean') throw bad('visible must be true or false');
    if (!state.setVisible(third, body.visible)) throw notFound();
    return sendJson(ex, 200, { id: third, visible: body.visible });
  }
  if (ex.method === 'POST' && head === 'recycle-bin' && second === 'empty') {
    const body = await objectBody(ex);
    const ids = body.ids;
    if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string')))
      throw bad('ids must be an array of record ids');
    return sendJson(ex, 200, { purged: state.purgeDeleted(ids as string[] | undefined) });
  }

  if (head === 'schema' && second !== undefined && third === 'fields' && fourth === undefined) {
    const schema = state.schema(second);
    if (!schema) throw notFound();
    if (ex.method === 'POST') {
      const fields = newCustomFields(schema, await objectBody(ex));
      state.addFields(schema.name, fields);
      return sendJson(ex, 201, { object: schema.name, added: fields.map((f) => f.name) });
    }
  }

  if (head === 'schema' && second !== undefined && third === 'fields' && fourth !== undefined) {
    if (ex.method === 'PATCH') {
      const body = await objectBody(ex);
      const name = typeof body.name === 'string' ? body.name : undefined;
      const label = typeof body.label === 'string' ? body.label : undefined;
      if (name !== undefined && !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
        throw bad('name must be a valid API name');
      if (name !== undefined && state.schema(second)?.byLowerName.has(name.toLowerCase()))
        throw bad(`a field named ${name} already exists`);
      if (!state.alterField(second, fourth, { name, label })) throw notFound();
      return sendJson(ex, 200, { object: second, field: name ?? fourth });
    }
    if (ex.method === 'DELETE') {
      if (
        ['id', 'isdeleted', 'systemmodstamp', 'lastmodifieddate', 'createddate'].includes(
          fourth.toLowerCase(),
        )
      ) {
        throw bad('system fields cannot be removed');
      }
      if (!state.alterField(second, fourth, null)) throw notFound();
      return send(ex, 204, null);
    }
  }
  throw notFound();
}

/** Admin edits act as the demo user unless X-Demo-User names another seeded user id. */
function actingUser(ex: Exchange, deps: AdminDeps): string {
  const header = ex.headers['x-demo-user'];
  return typeof header === 'string' && deps.services.state.userIds.includes(header)
    ? header
    : deps.services.state.demoUserId;
}

function saveError(
  ex: Exchange,
  error: { statusCode: string; message: string; fields: string[] },
): void {
  const status = error.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400;
  sendJson(ex, status, [
    { message: error.message, errorCode: error.statusCode, fields: error.fields },
  ]);
}

function recordIdsIn(body: Record<string, unknown>): string[] | null {
  const ids = body.recordIds;
  if (ids === undefined) return null;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    throw bad('recordIds must be an array of record ids');
  return ids.map((id) => normaliseId(id) ?? id);
}

function settingsView(services: OrgServices): Record<string, unknown> {
  const settings = services.state.settings;
  return {
    ...settings,
    duplicateRuleOnEmail: settings.duplicateRules.Lead !== undefined,
    apiUsage: services.usage.used,
  };
}

function applySettings(services: OrgServices, body: Record<string, unknown>): void {
  const settings = services.state.settings;
  if (body.accessTokenLifetimeSeconds !== undefined)
    settings.accessTokenLifetimeSeconds = numberIn(body, 'accessTokenLifetimeSeconds', 7200);
  if (body.dailyApiLimit !== undefined)
    settings.dailyApiLimit = Math.floor(numberIn(body, 'dailyApiLimit', 100_000));
  if (body.apiUsage !== undefined) services.usage.setUsed(numberIn(body, 'apiUsage', 0));
  if (body.bulkQueryRunMs !== undefined)
    settings.bulkQueryRunMs = numberIn(body, 'bulkQueryRunMs', 0);
  if (body.maxQueryBatch !== undefined)
    settings.maxQueryBatch = Math.max(1, Math.floor(numberIn(body, 'maxQueryBatch', 2_000)));
  if (typeof body.rotateRefreshTokens === 'boolean')
    settings.rotateRefreshTokens = body.rotateRefreshTokens;
  if (typeof body.duplicateRuleOnEmail === 'boolean') {
    // The older shorthand: the Lead rule only (Block, Leads against Leads) on or off.
    const { Lead: _lead, ...others } = settings.duplicateRules;
    settings.duplicateRules = body.duplicateRuleOnEmail
      ? { ...others, ...leadEmailRule() }
      : others;
  }
  if (body.duplicateRules !== undefined) {
    if (!isPlainObject(body.duplicateRules))
      throw bad('duplicateRules must be an object of rules by object name');
    settings.duplicateRules = parseDuplicateRules(body.duplicateRules, settings.duplicateRules);
  }
  if (body.maxRequestHeadBytes !== undefined) {
    const limit = Math.floor(numberIn(body, 'maxRequestHeadBytes', MAX_REQUEST_HEAD_BYTES));
    // Only lowered: the server itself refuses heads over four times Salesforce's limit.
    if (limit < 1024 || limit > MAX_REQUEST_HEAD_BYTES)
      throw bad(`maxRequestHeadBytes must be between 1024 and ${MAX_REQUEST_HEAD_BYTES}`);
    settings.maxRequestHeadBytes = limit;
  }
  if (typeof body.demoUserViewsSetup === 'boolean')
    settings.demoUserViewsSetup = body.demoUserViewsSetup;
}
