import type { PrismaClient } from '@otp-auth/db';
import { recordAudit } from '../audit';
import type { SecretBox } from '../crypto/secret-box';
import { isUniqueViolation } from '../unique-violation';
import { generateSigningKey, publicMembers, type PublicEcJwk } from './key-material';

export interface SigningKeyRow {
  kid: string;
  generation: number;
  publicJwk: PublicEcJwk;
  sealedPrivateKey: string;
  createdAt: Date;
  activatesAt: Date;
}

export async function loadSigningKeys(prisma: PrismaClient): Promise<SigningKeyRow[]> {
  const rows = await prisma.signingKey.findMany({ orderBy: { generation: 'asc' } });
  return rows.map((row) => ({
    kid: row.kid,
    generation: row.generation,
    publicJwk: publicMembers(row.publicJwk),
    sealedPrivateKey: row.privateKey,
    createdAt: row.createdAt,
    activatesAt: row.activatesAt,
  }));
}

export interface NextKeyPlan {
  now: Date;
  /** When the new key starts signing. */
  activatesAt: Date;
  /** A leaked key: every other key is deleted in the same transaction (leaves the JWKS). */
  replaceOthers: boolean;
  /** The generation the caller saw as newest; null for "whatever is newest now". Automatic
   * rotation passes what it saw, so that of two instances deciding at once only one adds a key. */
  after: number | null;
  reason: 'first_key' | 'scheduled' | 'manual' | 'manual_now';
}

export interface CreatedKey {
  kid: string;
  generation: number;
  activatesAt: Date;
  removed: string[];
}

/** Adds the next generation's key. Returns null when another instance added that generation
 * first (the unique generation is what makes concurrent starts and rotations safe). */
export async function createNextKey(
  prisma: PrismaClient,
  box: SecretBox,
  plan: NextKeyPlan,
): Promise<CreatedKey | null> {
  const material = await generateSigningKey(box);
  try {
    return await prisma.$transaction(async (tx) => {
      const newest = await tx.signingKey.findFirst({
        orderBy: { generation: 'desc' },
        select: { generation: true },
      });
      const seen = newest?.generation ?? 0;
      const generation = (plan.after ?? seen) + 1;
      await tx.signingKey.create({
        data: {
          kid: material.kid,
          generation,
          publicJwk: { ...material.publicJwk },
          privateKey: material.sealedPrivateKey,
          createdAt: plan.now,
          activatesAt: plan.activatesAt,
        },
      });
      const others = plan.replaceOthers
        ? await tx.signingKey.findMany({
            where: { kid: { not: material.kid } },
            select: { kid: true },
          })
        : [];
      if (others.length > 0) {
        await tx.signingKey.deleteMany({ where: { kid: { in: others.map((o) => o.kid) } } });
      }
      const removed = others.map((other) => other.kid);
      await recordAudit(
        tx,
        {
          type: 'signing_key_created',
          detail: { kid: material.kid, generation, reason: plan.reason, removed },
        },
        {},
      );
      return { kid: material.kid, generation, activatesAt: plan.activatesAt, removed };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Deletes keys that have left the JWKS; idempotent, so instances may race at it. */
export async function deleteSigningKeys(prisma: PrismaClient, kids: string[]): Promise<void> {
  if (kids.length > 0) await prisma.signingKey.deleteMany({ where: { kid: { in: kids } } });
}
