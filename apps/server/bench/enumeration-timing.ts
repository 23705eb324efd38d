// Known against unknown addresses, timed on the four answers that must not tell them apart:
// register, resend, forgot and the reset confirmation. Used by `pnpm bench` (printed) and by
// test/hostile/timing.test.ts (asserted), so both measure the same thing.
import { randomBytes } from 'node:crypto';

/** What the server must run with so that every try does its full work: no cooldown or hourly
 * cap cutting a known address short, no rate limit answering instead of the flow. */
export const timingEnv = {
  RATE_LIMITS: 'off',
  OTP_RESEND_COOLDOWN_SECONDS: '0',
  OTP_MAX_SENDS_PER_HOUR: '100000',
};

export interface TimingTarget {
  base: string;
  /** The newest sign-up code mailed to an address. */
  codeFor: (email: string) => Promise<string>;
}

export interface TimingRatio {
  flow: 'register' | 'resend' | 'forgot' | 'reset confirm';
  knownMs: number;
  unknownMs: number;
  /** The slower median over the faster one: 1 means the same time. */
  ratio: number;
}

const password = 'timing-password-41';

async function call(base: string, procedure: string, input: unknown): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  await res.arrayBuffer();
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const fresh = (tag: string) => `${tag}-${randomBytes(5).toString('hex')}@example.com`;

const account = (email: string) => ({
  email,
  username: email.split('@')[0] ?? email,
  phone_number: '1234567890',
  password,
});

/** Interleaves `tries` known and unknown calls per flow (so a burst of load hits both series
 * alike) and compares their medians. Unknown addresses are new each time, as a prober's are. */
export async function measureEnumerationTiming(
  target: TimingTarget,
  tries = 25,
): Promise<TimingRatio[]> {
  const { base } = target;
  const verified = fresh('timing-v');
  const pending = fresh('timing-p');
  await call(base, 'auth.register', account(verified));
  await call(base, 'auth.verifyOtp', { email: verified, otp: await target.codeFor(verified) });
  await call(base, 'auth.register', account(pending));

  const flows: [TimingRatio['flow'], (email: string) => Promise<number>, string][] = [
    ['register', (email) => call(base, 'auth.register', account(email)), verified],
    ['resend', (email) => call(base, 'auth.resendOtp', { email }), pending],
    ['forgot', (email) => call(base, 'auth.forgotPassword', { email }), verified],
    [
      'reset confirm',
      async (email) => {
        // A live code with a full budget on the known address, as a prober would meet it.
        if (email === verified) await call(base, 'auth.forgotPassword', { email });
        return call(base, 'auth.resetPassword', {
          email,
          otp: '000000',
          new_password: 'timing-new-password-42',
          confirm_password: 'timing-new-password-42',
        });
      },
      verified,
    ],
  ];
  const ratios: TimingRatio[] = [];
  for (const [flow, run, known] of flows) {
    await run(known); // warm-up
    await run(fresh('timing-w'));
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < tries; i++) {
      knownMs.push(await run(known));
      unknownMs.push(await run(fresh('timing-u')));
    }
    const k = median(knownMs);
    const u = median(unknownMs);
    ratios.push({ flow, knownMs: k, unknownMs: u, ratio: Math.max(k, u) / Math.min(k, u) });
  }
  return ratios;
}
