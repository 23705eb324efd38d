// Helpers shared by the bench and the profiler: ports, readiness, and a signed-in user.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { SmtpCapture } from '@otp-auth/auth/testing';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function waitForReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${base}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become ready');
}

export async function trpc(base: string, procedure: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown } };
  if (!res.ok || !body.result) throw new Error(`${procedure} answered ${String(res.status)}`);
  return body.result.data;
}

export interface SignedIn {
  email: string;
  password: string;
  access: string;
  refresh: string;
}

/** Registers, verifies (the code from the captured mail) and logs in a fresh user. */
export async function signIn(base: string, smtp: SmtpCapture): Promise<SignedIn> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('hex');
  await trpc(base, 'auth.register', {
    email,
    username: `bench_${randomBytes(4).toString('hex')}`,
    phone_number: '+15550001111',
    password,
  });
  await trpc(base, 'auth.verifyOtp', { email, otp: await smtp.codeFor(email) });
  const pair = (await trpc(base, 'auth.login', { email, password })) as {
    access: string;
    refresh: string;
  };
  return { email, password, ...pair };
}
