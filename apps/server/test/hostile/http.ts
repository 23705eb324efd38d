import type { TestDatabaseKind } from '@otp-auth/db/testing';
import { startTestServer, type TestServer } from '../support';
import { authenticatorApp } from '../totp-codes';

/** One HTTP answer, read fully: status, headers, raw text and parsed JSON (if it was JSON). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** tRPC's plain-JSON wire: a mutation is `POST /trpc/<path>` with the input as the body. */
export async function mutate(
  server: TestServer,
  path: string,
  input: unknown,
  options: CallOptions = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  return read(response);
}

/** A query is `GET /trpc/<path>?input=<json>`. */
export async function query(
  server: TestServer,
  path: string,
  input?: unknown,
  options: CallOptions = {},
): Promise<Answer> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${server.url}/trpc/${path}${search}`, {
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
  });
  return read(response);
}

/** The tRPC error envelope's public part. */
export function errorOf(answer: Answer): { message: string; code: string; httpStatus: number } {
  const body = answer.json as {
    error?: { message: string; data: { code: string; httpStatus: number } };
  };
  if (!body.error) throw new Error(`expected an error, got ${answer.status} ${answer.text}`);
  return {
    message: body.error.message,
    code: body.error.data.code,
    httpStatus: body.error.data.httpStatus,
  };
}

export function dataOf(answer: Answer): unknown {
  const body = answer.json as { result?: { data: unknown } };
  if (answer.status !== 200 || !body.result) {
    throw new Error(`expected success, got ${answer.status} ${answer.text}`);
  }
  return body.result.data;
}

export const PASSWORD = 'strongpassword123';

export function accountFor(name: string) {
  return {
    email: `${name}@example.com`,
    username: name,
    phone_number: '1234567890',
    password: PASSWORD,
  };
}

export interface Tokens {
  access: string;
  refresh: string;
}

/** Registers, verifies with the mailed code and logs in, all over HTTP. */
export async function signUp(server: TestServer, name: string, headers?: Record<string, string>) {
  const account = accountFor(name);
  dataOf(await mutate(server, 'auth.register', account, { headers }));
  const otp = await server.smtp.codeFor(account.email);
  dataOf(await mutate(server, 'auth.verifyOtp', { email: account.email, otp }, { headers }));
  const tokens = dataOf(
    await mutate(server, 'auth.login', { email: account.email, password: PASSWORD }, { headers }),
  ) as Tokens;
  return { ...account, tokens };
}

/** Turns two-factor on for a signed-up account over HTTP (set up, then confirm with the code
 * the authenticator app shows) and returns that app. */
export async function enableTwoFactor(
  server: TestServer,
  owner: { password: string; tokens: Tokens },
) {
  const token = owner.tokens.access;
  const { secret } = dataOf(
    await mutate(server, 'twoFactor.setupTotp', { password: owner.password }, { token }),
  ) as { secret: string };
  const app = authenticatorApp(secret);
  dataOf(await mutate(server, 'twoFactor.confirmTotp', { code: await app.code() }, { token }));
  return app;
}

/** A test server with rate limits on and the given extra settings. */
export function startHostileServer(env: Record<string, string> = {}, database?: TestDatabaseKind) {
  return startTestServer({ RATE_LIMITS: 'on', ...env }, { database });
}

/** Row counts of every table, to prove a refused request changed nothing. `rate_limits` is left
 * out on purpose: counting refused attempts is its job. */
export async function tableCounts(server: TestServer) {
  const p = server.app.db.prisma;
  return {
    users: await p.user.count(),
    passwords: await p.password.count(),
    emailCodes: await p.emailCode.count(),
    sessions: await p.session.count(),
    refreshTokens: await p.refreshToken.count(),
    outboxMails: await p.outboxMail.count(),
    auditEvents: await p.auditEvent.count(),
    totpCredentials: await p.totpCredential.count(),
    recoveryCodes: await p.recoveryCode.count(),
    mfaChallenges: await p.mfaChallenge.count(),
  };
}
