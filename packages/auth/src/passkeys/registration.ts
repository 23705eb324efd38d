import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type {
  PasskeyOutput,
  PasskeyRegisterInput,
  PasskeyRegistrationOptionsInput,
  RegistrationOptionsOutput,
} from '@otp-auth/validators';
import { assertReauthenticated } from '../account/reauthenticate';
import { recordAudit } from '../audit';
import type { AuthContext } from '../context';
import { enqueueMail } from '../mail/outbox';
import { passkeyAddedMail } from '../mail/passkey-templates';
import type { RequestMeta } from '../request-meta';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { isUniqueViolation } from '../unique-violation';
import { emitEvent } from '../webhooks/emit';
import { challengeOf, issueChallenge, spendChallenge } from './challenges';
import { relyingParty, userHandleOf } from './relying-party';
import { passkeyRefused } from './refusals';
import { passkeySelect, toPasskeyOutput } from './view';

/** Transports the WebAuthn spec names; a browser's newer ones are dropped, not refused. */
const KNOWN_TRANSPORTS = new Set([
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
]);

/** Options for adding a passkey: a discoverable credential (usernameless sign-in needs it),
 * user verification required, none of the account's own passkeys again. Adding a way to sign in
 * takes the same proof as linking a provider. */
export async function passkeyRegistrationOptions(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: PasskeyRegistrationOptionsInput,
): Promise<RegistrationOptionsOutput> {
  await assertReauthenticated(ctx, user, input);
  const rp = relyingParty(ctx);
  const existing = await ctx.prisma.passkey.findMany({
    where: { userId: user.userId },
    select: { credentialId: true, transports: true },
  });
  const challenge = await issueChallenge(ctx, 'registration', user.userId);
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.profile.email,
    userDisplayName: user.profile.username,
    userID: userHandleOf(user.userId),
    challenge,
    timeout: rp.timeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    extensions: { credProps: true },
  });
  return options as RegistrationOptionsOutput;
}

/** Verifies the browser's answer to the options and stores the passkey; the owner is told by
 * mail. */
export async function registerPasskey(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: PasskeyRegisterInput,
  meta: RequestMeta,
): Promise<PasskeyOutput> {
  const rp = relyingParty(ctx);
  const refuse = (code: Parameters<typeof passkeyRefused>[1], reason: string) =>
    passkeyRefused(ctx, code, { reason, userId: user.userId }, meta);

  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (
    !challenge ||
    !(await spendChallenge(ctx, ctx.prisma, challenge, 'registration', user.userId))
  ) {
    throw refuse('passkey_challenge_invalid', 'registration challenge unknown, spent or expired');
  }
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('registration not verified');
    info = result.registrationInfo;
  } catch (error) {
    throw refuse('passkey_verification_failed', `registration: ${String(error)}`);
  }

  const now = ctx.clock.now();
  try {
    const row = await ctx.prisma.$transaction(async (tx) => {
      const count = await tx.passkey.count({ where: { userId: user.userId } });
      const name = input.name ?? `Passkey ${String(count + 1)}`;
      const created = await tx.passkey.create({
        data: {
          userId: user.userId,
          credentialId: info.credential.id,
          publicKey: info.credential.publicKey,
          counter: info.credential.counter,
          transports: (input.response.response.transports ?? []).filter((t) =>
            KNOWN_TRANSPORTS.has(t),
          ),
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          aaguid: info.aaguid,
          name,
          createdAt: now,
        },
        select: passkeySelect,
      });
      await enqueueMail(ctx, tx, user.profile.email, passkeyAddedMail(ctx.config, name), now);
      await recordAudit(
        tx,
        { type: 'passkey_added', userId: user.userId, detail: { passkey_id: created.id } },
        meta,
      );
      await emitEvent(tx, now, {
        type: 'passkey.added',
        data: { user_id: user.userId, passkey_id: created.id },
      });
      return created;
    });
    ctx.mailQueued();
    return toPasskeyOutput(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw refuse('passkey_already_registered', 'credential id already stored');
    }
    throw error;
  }
}
