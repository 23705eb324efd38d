import type { ServerResponse } from 'node:http';

/** Everything the SPA and the API docs load comes from this origin: no CDN, no inline script.
 * Inline styles stay allowed (components set style attributes); they cannot run code. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

const headers: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  // Browsers ignore it over plain HTTP, so it is safe to send on a local http:// too.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/** Set before any route writes, so every response (API, SPA, 404, 500) carries them. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
