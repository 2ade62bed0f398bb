import crypto from 'node:crypto';
import type { OrgKind } from '../../../src-preload/contract';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import { createPkcePair } from './pkce';

export const FLOW_LIFETIME_MS = 10 * 60 * 1000;

export interface PendingFlow {
  orgKind: OrgKind;
  state: string;
  verifier: string;
  loginUrl: string;
  redirectUri: string;
  authorizeUrl: string;
  startedAt: number;
}

export interface FlowRequest {
  orgKind: OrgKind;
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
}

/**
 * One sign-in at a time: starting a new one forgets the old one, a flow expires after ten
 * minutes, and a state is good for exactly one callback.
 */
export class OAuthFlowRegistry {
  #pending: PendingFlow | undefined;

  constructor(private readonly clock: Clock) {}

  begin(request: FlowRequest): PendingFlow {
    const pkce = createPkcePair();
    const state = crypto.randomBytes(24).toString('base64url');
    const authorize = new URL('/services/oauth2/authorize', request.loginUrl);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: request.clientId,
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      prompt: 'login consent',
    }).toString();
    this.#pending = {
      orgKind: request.orgKind,
      state,
      verifier: pkce.verifier,
      loginUrl: request.loginUrl,
      redirectUri: request.redirectUri,
      authorizeUrl: authorize.toString(),
      startedAt: this.clock.now(),
    };
    return this.#pending;
  }

  pending(): PendingFlow | undefined {
    return this.#pending && !this.#expired(this.#pending) ? this.#pending : undefined;
  }

  cancel(): boolean {
    const had = this.#pending !== undefined;
    this.#pending = undefined;
    return had;
  }

  /** Takes the flow a callback's state belongs to; after this the state is spent. */
  claim(state: string | null): PendingFlow {
    const flow = this.#pending;
    if (!flow || state === null || !sameSecret(flow.state, state)) {
      throw new AppError(
        'OAUTH_UNKNOWN_STATE',
        'This sign-in link is not the one Leadbridge is waiting for (it was already used, cancelled, or replaced by a newer Connect). Click Connect to start again.',
      );
    }
    this.#pending = undefined;
    if (this.#expired(flow)) {
      throw new AppError(
        'OAUTH_FLOW_EXPIRED',
        'The sign-in took longer than 10 minutes and expired. Click Connect to start again.',
      );
    }
    return flow;
  }

  #expired(flow: PendingFlow): boolean {
    return this.clock.now() - flow.startedAt > FLOW_LIFETIME_MS;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
