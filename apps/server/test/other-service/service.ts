// Another service, in its own process: it knows only the issuer, the audience and the JWKS URL,
// and verifies each access token read from stdin (one a line) with @otp-auth/client/verify,
// printing one JSON line per token: {"ok":true,"claims":{...}} or {"ok":false,"code":"..."}.
// Usage: node --import tsx service.ts <jwksUrl> [cacheMaxAgeSeconds]
import { createInterface } from 'node:readline';
import { createTokenVerifier, TokenVerificationError } from '@otp-auth/client/verify';

const [jwksUrl, cacheMaxAge] = process.argv.slice(2);
if (!jwksUrl) throw new Error('usage: service.ts <jwksUrl> [cacheMaxAgeSeconds]');

const verifier = createTokenVerifier({
  issuer: 'otp-auth',
  audience: 'otp-auth',
  jwksUrl,
  ...(cacheMaxAge ? { cacheMaxAgeSeconds: Number(cacheMaxAge) } : {}),
  refetchCooldownSeconds: 1,
});

for await (const line of createInterface({ input: process.stdin })) {
  const result = await verifier.verify(line.trim()).then(
    (claims) => ({ ok: true, claims }),
    (error: unknown) => ({
      ok: false,
      code: error instanceof TokenVerificationError ? error.code : 'not a TokenVerificationError',
    }),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
