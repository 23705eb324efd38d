import { createHash } from 'node:crypto';
import { addSeconds } from '../clock';
import type { AuthContext } from '../context';
import { createSecretBox } from '../crypto/secret-box';

/** How long a sign-in at a provider may take between the start and the callback. */
export const FLOW_TTL_SECONDS = 10 * 60;

export type FlowMode = 'sign_in' | 'link';

interface NewFlow {
  provider: string;
  mode: FlowMode;
  userId: string | null;
  /** The value of the browser's binding cookie; only its hash is stored. */
  browser: string;
  state: string;
  verifier: string;
  nonce: string | null;
  returnTo: string;
}

export interface OpenedFlow {
  mode: FlowMode;
  userId: string | null;
  verifier: string;
  nonce: string | null;
  returnTo: string;
}

/** Random values of 256 bits need no key: SHA-256 alone keeps the stored form useless. */
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const boxOf = (ctx: AuthContext) => createSecretBox(ctx.config.otpSecret, 'external-sign-in');

export async function saveFlow(ctx: AuthContext, flow: NewFlow): Promise<void> {
  const now = ctx.clock.now();
  await ctx.prisma.externalSignInFlow.create({
    data: {
      stateHash: sha256(flow.state),
      provider: flow.provider,
      mode: flow.mode,
      userId: flow.userId,
      browserHash: sha256(flow.browser),
      secrets: boxOf(ctx).seal(JSON.stringify({ verifier: flow.verifier, nonce: flow.nonce })),
      returnTo: flow.returnTo,
      createdAt: now,
      expiresAt: addSeconds(now, FLOW_TTL_SECONDS),
    },
  });
}

/** Spends the flow a callback's `state` names, in one conditional statement: of two callbacks
 * with the same state (a replay, a double click, two instances), one gets it. A state from
 * another browser, for another provider, expired or spent, opens nothing (and spends nothing). */
export async function spendFlow(
  ctx: AuthContext,
  input: { provider: string; state: string; browser: string },
): Promise<OpenedFlow | null> {
  const now = ctx.clock.now();
  const [row] = await ctx.prisma.externalSignInFlow.updateManyAndReturn({
    where: {
      stateHash: sha256(input.state),
      provider: input.provider,
      browserHash: sha256(input.browser),
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
    select: { mode: true, userId: true, secrets: true, returnTo: true },
  });
  if (!row) return null;
  const secrets = JSON.parse(boxOf(ctx).open(row.secrets)) as {
    verifier: string;
    nonce: string | null;
  };
  return {
    mode: row.mode === 'link' ? 'link' : 'sign_in',
    userId: row.userId,
    verifier: secrets.verifier,
    nonce: secrets.nonce,
    returnTo: row.returnTo,
  };
}
