import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support';
import { mutate, query, startHostileServer } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

const expectSecurityHeaders = (headers: Headers) => {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(headers.get('x-powered-by')).toBeNull();
};

describe('response headers', () => {
  it('ASVS 4.0.3 14.4.3-14.4.7: every kind of response carries the security headers', async () => {
    const answers = [
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/no/such/path`, { method: 'POST' }),
      (await query(server, 'account.profile')).headers, // 401
      (await mutate(server, 'auth.resendOtp', { email: 'h@example.com' })).headers, // 200
      (await mutate(server, 'auth.login', { email: 'nope' })).headers, // 400
    ].map((a) => (a instanceof Headers ? a : a.headers));
    for (const headers of answers) expectSecurityHeaders(headers);
  });

  it('ASVS 4.0.3 14.5.3: CORS is closed by default', async () => {
    const preflight = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const simple = await fetch(`${server.url}/healthz`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ASVS 4.0.3 14.5.3: CORS_ORIGINS opens the API to the listed origins only', async () => {
    const open = await startTestServer({ CORS_ORIGINS: 'https://app.example.com/' });
    try {
      const ask = (origin: string) =>
        fetch(`${open.url}/trpc/auth.login`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization',
          },
        });
      const allowed = await ask('https://app.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('vary')).toMatch(/origin/i);
      const refused = await ask('https://app.example.com.evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('ASVS 4.0.3 13.1.3/12.1.1: an oversized body is refused with 413, not read whole', async () => {
    const before = await server.app.db.prisma.user.count();
    const huge = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'big@example.com',
        username: 'big',
        phone_number: '1234567890',
        password: 'strongpassword123',
        padding: 'x'.repeat(200 * 1024),
      }),
    });
    expect(huge.status).toBe(413);
    expectSecurityHeaders(huge.headers);
    expect(await server.app.db.prisma.user.count()).toBe(before);
  });
});
