import { randomBytes } from 'node:crypto';
import {
  createAuthContext,
  createMailWorker,
  createManualClock,
  createSmtpTransport,
  defineAuthConfig,
  setRoleByEmail,
  type AuthConfig,
} from '@otp-auth/auth';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import { createTestDatabase, type TestDatabaseKind } from '@otp-auth/db/testing';
import { TRPCError } from '@trpc/server';
import type { LoginOutput, TokenPairOutput } from '@otp-auth/validators';
import { createContextInner, type RequestInfo } from '../context';
import { describeError, type ErrorData } from '../errors';
import { appRouter } from '../root';
import { createCallerFactory } from '../trpc';

const createCaller = createCallerFactory(appRouter);

/** A real database, a real SMTP server on 127.0.0.1 and the router called without HTTP. The
 * database is PGlite, or PostgreSQL when TEST_DATABASE_URL is set, unless `database` says. */
export async function createHarness(
  overrides: Partial<AuthConfig> = {},
  options: { database?: TestDatabaseKind } = {},
) {
  const db = await createTestDatabase(options.database);
  const smtp = await startSmtpCapture();
  const clock = createManualClock(new Date());
  const config = defineAuthConfig({
    jwtSecret: randomBytes(32),
    otpSecret: randomBytes(32),
    bcryptCost: 4,
    ...overrides,
  });
  const transport = createSmtpTransport({ host: '127.0.0.1', port: smtp.port, useTls: false });
  const worker = createMailWorker({
    prisma: db.prisma,
    transport,
    clock,
    from: config.mailFrom,
    otpSecret: config.otpSecret,
    baseDelayMs: 10,
  });
  const auth = createAuthContext({ prisma: db.prisma, config, clock, onMailQueued: worker.wake });
  const caller = (request: RequestInfo = {}) => createCaller(createContextInner({ auth }, request));

  /** Registers and verifies an account, returning its password and a first login. */
  async function signUp(name = `user${randomBytes(4).toString('hex')}`) {
    const account = {
      email: `${name}@example.com`,
      username: name,
      phone_number: '1234567890',
      password: 'strongpassword123',
    };
    const seen = smtp.countTo(account.email); // an address may be signing up again
    await caller().auth.register(account);
    const otp = await smtp.codeFor(account.email, seen);
    await caller().auth.verifyOtp({ email: account.email, otp });
    const tokens = tokensOf(
      await caller().auth.login({ email: account.email, password: account.password }),
    );
    return { ...account, tokens };
  }

  /** An account given the admin role as the operator's CLI gives it, signed in again so that
   * its tokens carry the role. */
  async function signUpAdmin(name = `admin${randomBytes(4).toString('hex')}`) {
    const account = await signUp(name);
    await setRoleByEmail(auth, account.email, 'admin');
    const tokens = tokensOf(
      await caller().auth.login({ email: account.email, password: account.password }),
    );
    return { ...account, tokens };
  }

  return {
    db,
    smtp,
    clock,
    config,
    auth,
    caller,
    signUp,
    signUpAdmin,
    as: (access: string) => caller({ accessToken: access }),
    async close() {
      await worker.stop();
      transport.close?.();
      await smtp.close();
      await db.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Awaits a call that must fail, and returns the public part of its error. */
export async function failure(
  call: Promise<unknown>,
): Promise<ErrorData & { message: string; status: string }> {
  let error: unknown;
  try {
    await call;
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const { message, data } = describeError(error);
  return { ...data, message, status: error.code };
}

/** The token pair of a login that needed no second step. */
export function tokensOf(result: LoginOutput): TokenPairOutput {
  if ('mfa_required' in result) throw new Error('expected tokens, got a second-step challenge');
  return result;
}
