/** What an HTTP adapter gives browser-session procedures: the refresh token kept in an
 * httpOnly cookie, and whether the request came from the app's own scripts (CSRF guard). */
export interface RefreshCookie {
  /** The refresh token the request's cookie carries, if any. */
  readonly value: string | undefined;
  /** True when the request carries the custom header that a cross-site page cannot send
   * without a CORS preflight, which this server never grants. */
  readonly fromOwnScript: boolean;
  set(token: string): void;
  clear(): void;
}

/** The header the SPA sends on every call; cookie-based procedures refuse calls without it. */
export const BROWSER_HEADER = 'x-requested-with';

/** The cookie that binds a sign-in at a provider to the browser that started it: the callback
 * is accepted only with it. The adapter sets it on the answer. */
export interface BrowserBinding {
  /** This browser's binding value, set on the answer now if the request had none. */
  value(): string;
}
