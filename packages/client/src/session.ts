import { toClientError, type ClientError } from './errors.js';
import { readTokenTimes } from './jwt.js';
import type { TokenPair, TokenStorage } from './storage.js';

/** Why the session ended without a logout. */
export interface SessionEndEvent {
  reason: 'refresh_failed';
  /** The service's answer to the refresh, e.g. `token_not_valid`. */
  error: ClientError;
}

export interface TokenSessionOptions {
  storage: TokenStorage;
  /** Exchanges a refresh token for a new pair (the raw `auth.refresh` call). */
  rotate: (refresh: string) => Promise<TokenPair>;
  onSessionEnd?: ((event: SessionEndEvent) => void) | undefined;
  /** Refresh this many seconds before the access token expires (at most a quarter of its life). */
  leewaySeconds: number;
  now: () => number;
}

/**
 * Keeps the token pair and refreshes it. The service rotates refresh tokens and treats a second
 * use of an old one as theft, ending the session, so all refreshes share one request in flight.
 */
export class TokenSession {
  #inFlight: Promise<TokenPair | null> | undefined;

  constructor(private readonly options: TokenSessionOptions) {}

  async tokens(): Promise<TokenPair | null> {
    return this.options.storage.get();
  }

  async save(tokens: TokenPair | null): Promise<void> {
    await this.options.storage.set(tokens);
  }

  /** An access token good for a while yet (refreshed first if needed), or null without a session. */
  async accessToken(): Promise<string | null> {
    const tokens = await this.tokens();
    if (!tokens) return null;
    if (!this.#expiresSoon(tokens.access)) return tokens.access;
    return (await this.refresh(tokens.access))?.access ?? null;
  }

  /**
   * Rotates the pair once for every caller waiting. With `rejected`, the access token the service
   * just refused: if the stored one is already newer, that one is returned without a request.
   * Resolves null when there is no session or the service refused the refresh (the session has
   * then ended: tokens forgotten, `onSessionEnd` called). Network failures reject, tokens kept.
   */
  refresh(rejected?: string): Promise<TokenPair | null> {
    this.#inFlight ??= this.#rotate(rejected).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #rotate(rejected: string | undefined): Promise<TokenPair | null> {
    const tokens = await this.tokens();
    if (!tokens) return null;
    if (rejected !== undefined && tokens.access !== rejected) return tokens;
    let next: TokenPair;
    try {
      next = await this.options.rotate(tokens.refresh);
    } catch (caught) {
      const error = toClientError(caught);
      if (!endsSession(error)) throw error;
      await this.save(null);
      this.options.onSessionEnd?.({ reason: 'refresh_failed', error });
      return null;
    }
    await this.save(next);
    return next;
  }

  #expiresSoon(access: string): boolean {
    const times = readTokenTimes(access);
    // A token we cannot read is sent as is: the service decides, and a refusal is retried.
    if (!times) return false;
    const lifetime = times.iat === undefined ? Infinity : times.exp - times.iat;
    const leeway = Math.min(this.options.leewaySeconds, lifetime / 4);
    return this.options.now() / 1000 >= times.exp - leeway;
  }
}

/** The service refused the refresh token itself; outages and rate limits leave the session be. */
function endsSession(error: ClientError): boolean {
  return (
    error.code !== 'network_error' &&
    error.code !== 'rate_limited' &&
    error.status >= 400 &&
    error.status < 500
  );
}
