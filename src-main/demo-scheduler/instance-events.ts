// Leadbridge's outbound instance events arrive here. As a meeting platform would, the
// scheduler then "invites" the Lead: on `instance.activated` it reports an invite attempt,
// then an email attempt, as signed generic events, a few (simulated) seconds apart.
import type { Calendar, LeadbridgeTarget } from './options';
import { platformCalendarId } from './options';
import { attemptEvent, type GenericGuest } from './payloads/generic';
import { checkSignature } from './signature';
import type { Webhooks } from './webhooks';

export interface ReceivedInstanceEvent {
  receivedAt: string;
  /** The HTTP status the scheduler answered. */
  status: number;
  id: string | null;
  type: string | null;
  instanceId: number | null;
  email: string | null;
  /** What the scheduler did with it, in a sentence. */
  outcome: string;
}

interface InstanceEventBody {
  id: string;
  type: string;
  instance: {
    id: number;
    meeting_type: { calendar: { id: string; name: string } | null } | null;
    lead: {
      email: string | null;
      first_name: string | null;
      last_name: string | null;
      company: string | null;
    } | null;
  };
}

export interface InstanceEventDeps {
  target: () => LeadbridgeTarget;
  calendars: () => Calendar[];
  webhooks: Webhooks;
  now: () => number;
  cadenceMs: number;
}

export class InstanceEvents {
  readonly #received: ReceivedInstanceEvent[] = [];
  readonly #seen = new Set<string>();
  /** Attempts not reported yet, by instance: a deactivation stops them. */
  readonly #pending = new Map<number, Set<NodeJS.Timeout>>();

  constructor(private readonly deps: InstanceEventDeps) {}

  receive(headers: Record<string, string | string[] | undefined>, rawBody: string) {
    const answer = (status: number, outcome: string, body?: InstanceEventBody) => {
      this.#received.push({
        receivedAt: new Date(this.deps.now()).toISOString(),
        status,
        id: body?.id ?? null,
        type: body?.type ?? null,
        instanceId: body?.instance.id ?? null,
        email: body?.instance.lead?.email ?? null,
        outcome,
      });
      return { status, body: status < 300 ? { received: true } : { error: outcome } };
    };
    const secret = this.deps.target().outboundSecret;
    if (!secret) return answer(401, 'no outbound secret configured: cannot verify the signature');
    const header = headers['leadbridge-signature'];
    const check = checkSignature(
      typeof header === 'string' ? header : undefined,
      rawBody,
      secret,
      Math.floor(this.deps.now() / 1000),
    );
    if (!check.ok) return answer(401, `refused: ${check.reason}`);
    const body = parseInstanceEvent(rawBody);
    if (!body) return answer(400, 'not an instance event (id, type and instance.id expected)');
    if (this.#seen.has(body.id)) return answer(200, 'a repeat: already handled', body);
    this.#seen.add(body.id);
    if (body.type === 'instance.activated') {
      const email = body.instance.lead?.email;
      if (!email) return answer(200, 'activated without an email: nobody to invite', body);
      this.#scheduleAttempts(body);
      return answer(200, 'invite and email attempts scheduled', body);
    }
    if (body.type === 'instance.deactivated') {
      const stopped = this.#stop(body.instance.id);
      return answer(200, stopped ? 'pending attempts stopped' : 'nothing pending', body);
    }
    return answer(200, `ignored: ${body.type}`, body);
  }

  list(): ReceivedInstanceEvent[] {
    return this.#received;
  }

  close(): void {
    for (const instanceId of [...this.#pending.keys()]) this.#stop(instanceId);
  }

  #scheduleAttempts(body: InstanceEventBody): void {
    const lead = body.instance.lead!;
    const guest: GenericGuest = {
      email: lead.email!,
      first_name: lead.first_name,
      last_name: lead.last_name,
      company: lead.company,
      phone: null,
    };
    const calendar = body.instance.meeting_type?.calendar ?? null;
    const ours = this.deps
      .calendars()
      .find((c) => calendar && platformCalendarId(c) === calendar.id);
    const hosts = ours?.hosts ?? [];
    const timers = this.#pending.get(body.instance.id) ?? new Set<NodeJS.Timeout>();
    this.#pending.set(body.instance.id, timers);
    (['attempt.invite', 'attempt.email'] as const).forEach((type, index) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          if (timers.size === 0) this.#pending.delete(body.instance.id);
          const id = `${body.id}:${type === 'attempt.invite' ? 'invite' : 'email'}`;
          this.deps.webhooks.generic(
            attemptEvent(id, type, this.deps.now(), calendar, hosts, guest),
          );
        },
        this.deps.cadenceMs * (index + 1),
      );
      timers.add(timer);
    });
  }

  #stop(instanceId: number): boolean {
    const timers = this.#pending.get(instanceId);
    if (!timers) return false;
    for (const timer of timers) clearTimeout(timer);
    this.#pending.delete(instanceId);
    return true;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** The fields the scheduler uses, or null when the body is not an instance event. */
function parseInstanceEvent(rawBody: string): InstanceEventBody | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !isRecord(parsed.instance)) return null;
  const { id, type, instance } = parsed;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  if (typeof type !== 'string' || typeof instance.id !== 'number') return null;
  const meetingType = isRecord(instance.meeting_type) ? instance.meeting_type : null;
  const calendar = meetingType && isRecord(meetingType.calendar) ? meetingType.calendar : null;
  const lead = isRecord(instance.lead) ? instance.lead : null;
  return {
    id: String(id),
    type,
    instance: {
      id: instance.id,
      meeting_type: meetingType && {
        calendar:
          calendar && typeof calendar.id === 'string'
            ? { id: calendar.id, name: stringOrNull(calendar.name) ?? calendar.id }
            : null,
      },
      lead: lead && {
        email: stringOrNull(lead.email),
        first_name: stringOrNull(lead.first_name),
        last_name: stringOrNull(lead.last_name),
        company: stringOrNull(lead.company),
      },
    },
  };
}
