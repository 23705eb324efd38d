import cookie from '@fastify/cookie';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support';
import { trpcOptionsFor } from './trpc';

// The single-call path (trpc-single-call.ts) must answer every request as tRPC's own Fastify
// handler does. Each request goes to the server and to an app that serves the same router, the
// same context and the same deps through tRPC's official plugin alone; status, body and the
// headers tRPC sets must match.

let server: TestServer;
let reference: FastifyInstance;
let access = '';
const cookieOptions = { secure: false, maxAgeSeconds: 600, httpsOrigin: false };

beforeAll(async () => {
  server = await startTestServer();
  reference = Fastify();
  await reference.register(cookie);
  reference.decorateRequest('clientIp', undefined);
  await reference.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: trpcOptionsFor({ auth: server.app.auth }, cookieOptions),
  });
  const email = 'single-call@example.com';
  const password = 'a single call password';
  const post = (path: string, body: unknown) =>
    server.app.app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  await post('auth.register', {
    email,
    username: 'single_call',
    phone_number: '+15550001111',
    password,
  });
  await post('auth.verifyOtp', { email, otp: await server.smtp.codeFor(email) });
  const login = (await post('auth.login', { email, password })).json<{
    result: { data: { access: string } };
  }>();
  access = login.result.data.access;
});
afterAll(async () => {
  await reference.close();
  await server.close();
});

const json = { 'content-type': 'application/json' };
const bearer = () => ({ authorization: `Bearer ${access}` });

/** Requests and what they exercise; headers may be a function (the token is known later). */
const cases: [string, () => InjectOptions][] = [
  ['a query', () => ({ method: 'GET', url: '/trpc/system.ping' })],
  ['an empty input', () => ({ method: 'GET', url: '/trpc/system.ping?input=' })],
  ['a batch of one', () => ({ method: 'GET', url: '/trpc/system.ping?batch=1' })],
  [
    'a batch of one with input',
    () => ({ method: 'GET', url: '/trpc/system.ping?batch=1&input=%7B%7D' }),
  ],
  ['other query parameters', () => ({ method: 'GET', url: '/trpc/system.ping?x=1&batch=2' })],
  ['a protected query without a token', () => ({ method: 'GET', url: '/trpc/account.profile' })],
  ['a protected query', () => ({ method: 'GET', url: '/trpc/account.profile', headers: bearer() })],
  [
    'a protected batch of one',
    () => ({ method: 'GET', url: '/trpc/account.profile?batch=1', headers: bearer() }),
  ],
  [
    'a bad token',
    () => ({
      method: 'GET',
      url: '/trpc/account.profile',
      headers: { authorization: 'Bearer x.y.z' },
    }),
  ],
  [
    'a query input',
    () => ({
      method: 'GET',
      url: `/trpc/account.activity?input=${encodeURIComponent('{"limit":2}')}`,
      headers: bearer(),
    }),
  ],
  [
    'a malformed query input',
    () => ({ method: 'GET', url: '/trpc/account.activity?input=%7B', headers: bearer() }),
  ],
  [
    'a plus in a query input',
    () => ({ method: 'GET', url: '/trpc/account.activity?input={"limit":+2}', headers: bearer() }),
  ],
  [
    'a batch input that is no object',
    () => ({ method: 'GET', url: '/trpc/account.activity?batch=1&input=5', headers: bearer() }),
  ],
  [
    'a JSON content type on a query',
    () => ({ method: 'GET', url: '/trpc/system.ping', headers: json }),
  ],
  [
    'a mutation with field errors',
    () => ({
      method: 'POST',
      url: '/trpc/auth.register',
      headers: json,
      payload: '{"email":"bad","password":"x"}',
    }),
  ],
  [
    'wrong credentials',
    () => ({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: json,
      payload: '{"email":"nobody@example.com","password":"wrong password"}',
    }),
  ],
  [
    'a malformed body',
    () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: '{' }),
  ],
  [
    'an array body',
    () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: '[]' }),
  ],
  [
    'a null body',
    () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: 'null' }),
  ],
  [
    'a string body',
    () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: '"x"' }),
  ],
  [
    'an empty body',
    () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: '' }),
  ],
  [
    'a body with a byte-order mark',
    () => ({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: json,
      payload: '\uFEFF{"email":5}',
    }),
  ],
  [
    'a charset on the media type',
    () => ({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: '{"email":5}',
    }),
  ],
  [
    'a mutation as a batch of one',
    () => ({
      method: 'POST',
      url: '/trpc/auth.login?batch=1',
      headers: json,
      payload: '{"0":{"email":5}}',
    }),
  ],
  [
    'a batch body that is no object',
    () => ({ method: 'POST', url: '/trpc/auth.login?batch=1', headers: json, payload: '5' }),
  ],
  [
    'a query by POST',
    () => ({ method: 'POST', url: '/trpc/system.ping', headers: json, payload: '{}' }),
  ],
  ['a mutation by GET', () => ({ method: 'GET', url: '/trpc/auth.login' })],
  ['no such query', () => ({ method: 'GET', url: '/trpc/auth.nothing' })],
  [
    'no such mutation',
    () => ({ method: 'POST', url: '/trpc/auth.nothing', headers: json, payload: '{}' }),
  ],
  [
    'a batch of two',
    () => ({ method: 'GET', url: '/trpc/system.ping,account.profile?batch=1', headers: bearer() }),
  ],
  [
    'a streamed batch',
    () => ({
      method: 'GET',
      url: '/trpc/system.ping?batch=1',
      headers: { 'trpc-accept': 'application/jsonl' },
    }),
  ],
  ['HEAD', () => ({ method: 'HEAD', url: '/trpc/system.ping' })],
];

const tRPCHeaders = ['content-type', 'vary', 'retry-after', 'set-cookie'];
const answerOf = (res: Awaited<ReturnType<FastifyInstance['inject']>>) => ({
  status: res.statusCode,
  body: res.body,
  headers: Object.fromEntries(tRPCHeaders.map((name) => [name, res.headers[name]])),
});

describe('a single tRPC call', () => {
  it.each(cases)('answers %s as tRPC does', async (_name, request) => {
    const ours = await server.app.app.inject(request());
    const theirs = await reference.inject(request());
    expect(answerOf(ours)).toEqual(answerOf(theirs));
  });

  it('answers single calls itself, in one piece with a length; the rest through tRPC', async () => {
    const single = ['a query', 'a protected batch of one', 'a query input', 'wrong credentials'];
    const theirs = ['a batch of two', 'a query by POST', 'no such query'];
    const byName = new Map(cases);
    const chunked = async (name: string) => {
      const res = await server.app.app.inject(byName.get(name)?.() ?? '/');
      return res.headers['transfer-encoding'] === 'chunked' && !res.headers['content-length'];
    };
    for (const name of single) expect(await chunked(name), name).toBe(false);
    for (const name of theirs) expect(await chunked(name), name).toBe(true);
  });
});
