import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { Prisma } from '@otp-auth/db';
import type {
  AuthenticationOptionsOutput,
  AuthenticationResponseInput,
} from '@otp-auth/validators';
import type { AuthContext } from '../context';
import type { AuthError } from '../errors';
import type { RequestMeta } from '../request-meta';
import { challengeOf, issueChallenge, spendChallenge, type ChallengePurpose } from './challenges';
import { relyingParty, userIdOfHandle } from './relying-party';
import { passkeyRefused } from './refusals';

type Db = Prisma.TransactionClient;

/** Options for proving a passkey: for one account (its passkeys listed) or, with `null`, for
 * whoever holds a passkey here (usernameless: the browser offers what it has). */
export async function assertionOptions(
  ctx: AuthContext,
  purpose: Exclude<ChallengePurpose, 'registration'>,
  userId: string | null,
  db: Db = ctx.prisma,
): Promise<AuthenticationOptionsOutput> {
  const rp = relyingParty(ctx);
  const allow = userId
    ? await db.passkey.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: { credentialId: true, transports: true },
      })
    : [];
  const challenge = await issueChallenge(ctx, purpose, userId, db);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    challenge,
    timeout: rp.timeoutMs,
    userVerification: 'required',
    allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  return options as AuthenticationOptionsOutput;
}

export interface VerifiedPasskey {
  passkeyId: string;
  userId: string;
}

/** Checks an answer to assertion options: its challenge spent (right purpose and account), the
 * passkey registered (to that account, when one is expected), the signature, origin, RP ID and
 * user verification, and the counter, which a single-device authenticator must raise every time
 * (synced passkeys report 0 and are not counted). Answers the refusal instead of throwing it,
 * so that a caller inside a transaction keeps what it spent. */
export async function verifyAssertion(
  ctx: AuthContext,
  db: Db,
  response: AuthenticationResponseInput,
  expected: { purpose: Exclude<ChallengePurpose, 'registration'>; userId: string | null },
  meta: RequestMeta,
): Promise<VerifiedPasskey | AuthError> {
  const rp = relyingParty(ctx);
  const refuse = (code: Parameters<typeof passkeyRefused>[1], reason: string, userId?: string) =>
    passkeyRefused(ctx, code, { reason, userId: userId ?? expected.userId ?? undefined }, meta);

  const challenge = challengeOf(response.response.clientDataJSON);
  if (
    !challenge ||
    !(await spendChallenge(ctx, db, challenge, expected.purpose, expected.userId))
  ) {
    return refuse(
      'passkey_challenge_invalid',
      `${expected.purpose} challenge unknown, spent or expired`,
    );
  }
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    select: { id: true, userId: true, publicKey: true, counter: true, transports: true },
  });
  if (!passkey || (expected.userId !== null && passkey.userId !== expected.userId)) {
    return refuse('passkey_not_recognized', 'credential id not registered to the expected account');
  }
  const handle = response.response.userHandle;
  if (handle !== undefined && userIdOfHandle(handle) !== passkey.userId) {
    return refuse('passkey_not_recognized', 'user handle names another account', passkey.userId);
  }
  let info;
  try {
    const result = await verifyAuthenticationResponse({
      response: response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      credential: {
        id: response.id,
        publicKey: passkey.publicKey,
        counter: Number(passkey.counter),
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('signature not verified');
    info = result.authenticationInfo;
  } catch (error) {
    return refuse('passkey_verification_failed', `assertion: ${String(error)}`, passkey.userId);
  }
  // Compare-and-set: of two answers with the same counter (a cloned authenticator), one wins.
  const updated = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: {
      counter: info.newCounter,
      backedUp: info.credentialBackedUp,
      lastUsedAt: ctx.clock.now(),
    },
  });
  if (updated.count === 0) {
    return refuse('passkey_verification_failed', 'counter changed meanwhile', passkey.userId);
  }
  return { passkeyId: passkey.id, userId: passkey.userId };
}
