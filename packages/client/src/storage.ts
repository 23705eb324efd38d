/** The pair the service hands out at login, refresh and password change. */
export interface TokenPair {
  access: string;
  refresh: string;
}

/**
 * Where the client keeps its tokens. Both methods may be synchronous or return a promise, so a
 * store can be a variable, a file, a keychain or a database row.
 */
export interface TokenStorage {
  get(): TokenPair | null | Promise<TokenPair | null>;
  /** `null` forgets the tokens (logout, or a session that ended). */
  set(tokens: TokenPair | null): void | Promise<void>;
}

/** Tokens in a variable: gone when the process or page goes. The default. */
export function memoryStorage(initial: TokenPair | null = null): TokenStorage {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

/** Accepts only `{ access: string, refresh: string }`; anything else reads as no tokens. */
export function parseTokenPair(value: unknown): TokenPair | null {
  if (typeof value !== 'object' || value === null) return null;
  const { access, refresh } = value as Record<string, unknown>;
  return typeof access === 'string' && typeof refresh === 'string' ? { access, refresh } : null;
}
