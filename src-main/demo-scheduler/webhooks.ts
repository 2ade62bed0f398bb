// What the scheduler tells Leadbridge, each in its platform's shape and authentication:
// TimeRex's token header, Calendly's signature, Leadbridge's own signed generic events.
import type { Booking } from './bookings';
import type { Deliveries, Delivery, WebhookSource } from './deliveries';
import type { Calendar, LeadbridgeTarget } from './options';
import { calendlyBody } from './payloads/calendly';
import type { GenericEvent } from './payloads/generic';
import { timerexBody } from './payloads/timerex';
import { signBody } from './signature';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export class Webhooks {
  constructor(
    private readonly deliveries: Deliveries,
    private readonly target: () => LeadbridgeTarget,
    private readonly baseUrl: () => string,
  ) {}

  booked(booking: Booking, calendar: Calendar): Delivery {
    return calendar.format === 'calendly'
      ? this.#calendly('invitee.created', booking, calendar)
      : this.#timerex('event_confirmed', booking, calendar);
  }

  cancelled(booking: Booking, calendar: Calendar): Delivery {
    return calendar.format === 'calendly'
      ? this.#calendly('invitee.canceled', booking, calendar)
      : this.#timerex('event_cancelled', booking, calendar);
  }

  generic(event: GenericEvent): Delivery {
    const body = JSON.stringify(event);
    return this.deliveries.send({
      source: 'generic',
      type: event.type,
      bookingId: null,
      body,
      address: (nowMs) => {
        const secret = this.target().genericSecret;
        if (!secret) return notConfigured('generic secret');
        return this.#to('generic', {
          ...JSON_HEADERS,
          'leadbridge-signature': signBody(secret, body, Math.floor(nowMs / 1000)),
        });
      },
    });
  }

  #timerex(type: 'event_confirmed' | 'event_cancelled', booking: Booking, calendar: Calendar) {
    const body = JSON.stringify(timerexBody(type, booking, calendar, this.baseUrl()));
    return this.deliveries.send({
      source: 'timerex',
      type,
      bookingId: booking.id,
      body,
      address: () => {
        const token = this.target().timerexToken;
        if (!token) return notConfigured('TimeRex token');
        return this.#to('timerex', {
          ...JSON_HEADERS,
          'user-agent': 'TimeRex API v1',
          'x-timerex-authorization': token,
        });
      },
    });
  }

  #calendly(event: 'invitee.created' | 'invitee.canceled', booking: Booking, calendar: Calendar) {
    const body = JSON.stringify(calendlyBody(event, booking, calendar, this.baseUrl()));
    return this.deliveries.send({
      source: 'calendly',
      type: event,
      bookingId: booking.id,
      body,
      address: (nowMs) => {
        const key = this.target().calendlySigningKey;
        if (!key) return notConfigured('Calendly signing key');
        return this.#to('calendly', {
          ...JSON_HEADERS,
          'user-agent': 'Calendly',
          'calendly-webhook-signature': signBody(key, body, Math.floor(nowMs / 1000)),
        });
      },
    });
  }

  #to(source: WebhookSource, headers: Record<string, string>) {
    return { url: `${this.target().hooksUrl.replace(/\/+$/, '')}/hooks/${source}`, headers };
  }
}

const notConfigured = (what: string) =>
  `not sent: no ${what} configured (npm run demo-scheduler -- --help, or POST /__admin/config)`;
