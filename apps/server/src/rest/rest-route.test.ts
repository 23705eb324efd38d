import type { RestOperation } from '@otp-auth/api';
import type { AuthContext } from '@otp-auth/auth';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restPlugin } from './rest-route';

// The REST layer over a table of its own: two methods on one path (as GET and PATCH
// /api/profile/ are), and a procedure that declares a download's headers in its meta. Neither
// procedure reaches the domain: ping needs nothing, and the protected one stops at the missing
// token.
const operation = (overrides: Partial<RestOperation>): RestOperation => ({
  method: 'POST',
  path: '/api/thing/',
  procedure: 'system.ping',
  successStatus: 200,
  takesInput: true,
  queryParams: [],
  pathParams: [],
  protect: false,
  errorStatuses: [],
  headers: {},
  ...overrides,
});

const auth = {} as AuthContext;

const app = Fastify();
beforeAll(async () => {
  await app.register(restPlugin, {
    deps: { auth },
    operations: [
      operation({ method: 'GET', procedure: 'auth.logoutAll', takesInput: false, protect: true }),
      operation({
        method: 'PATCH',
        headers: { 'content-disposition': 'attachment; filename="thing.json"' },
      }),
    ],
  });
});
afterAll(() => app.close());

describe('REST routes from the operations table', () => {
  it('lists every method of a path in Allow, on a 405 and to OPTIONS', async () => {
    const refused = await app.inject({ method: 'DELETE', url: '/api/thing/' });
    expect(refused.statusCode).toBe(405);
    expect(refused.headers.allow).toBe('GET, PATCH, HEAD, OPTIONS');
    expect(refused.json()).toEqual({
      detail: 'Method "DELETE" not allowed.',
      code: 'method_not_allowed',
    });
    const options = await app.inject({ method: 'OPTIONS', url: '/api/thing/' });
    expect(options.statusCode).toBe(204);
    expect(options.headers.allow).toBe('GET, PATCH, HEAD, OPTIONS');
  });

  it('answers each method with its own procedure, and adds the headers its meta declares', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/thing/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.com' }),
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toEqual({ status: 'ok' });
    expect(patched.headers['content-disposition']).toBe('attachment; filename="thing.json"');
    const read = await app.inject({ method: 'GET', url: '/api/thing/' });
    expect(read.statusCode).toBe(401);
    expect(read.headers['content-disposition']).toBeUndefined();
  });
});
