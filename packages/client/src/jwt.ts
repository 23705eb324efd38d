/** The times a JWT claims for itself, in seconds since the epoch. */
export interface TokenTimes {
  exp: number;
  iat: number | undefined;
}

/**
 * Reads `exp` and `iat` from a JWT's payload without verifying it: the client only uses them to
 * refresh shortly before expiry, and the server still checks every token it receives.
 */
export function readTokenTimes(token: string): TokenTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(payload));
    if (typeof claims !== 'object' || claims === null) return null;
    const { exp, iat } = claims as Record<string, unknown>;
    if (typeof exp !== 'number') return null;
    return { exp, iat: typeof iat === 'number' ? iat : undefined };
  } catch {
    return null;
  }
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
