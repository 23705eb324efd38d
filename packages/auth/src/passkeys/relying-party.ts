import type { AuthContext } from '../context';

/** What every ceremony names the site by, from the settings (WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS). */
export function relyingParty(ctx: AuthContext) {
  return {
    rpID: ctx.config.webauthnRpId,
    rpName: ctx.config.productName,
    origins: ctx.config.webauthnOrigins,
    timeoutMs: ctx.config.passkeyChallengeTtlSeconds * 1000,
  };
}

/** The user handle a passkey carries: the account id, never an address or a name. */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(userId);
}

export function userIdOfHandle(handle: string): string {
  return Buffer.from(handle, 'base64url').toString('utf8');
}
