import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_SECRET_BYTES } from '@otp-auth/auth';

export interface Secrets {
  jwtSecret: Uint8Array;
  otpSecret: Uint8Array;
}

interface SecretSources {
  JWT_SECRET?: string | undefined;
  OTP_SECRET?: string | undefined;
  /** Production on PostgreSQL: secrets must be given, never generated on one instance. */
  required: boolean;
  dataDir: string;
}

/** Given secrets win. Otherwise (development, or the single-instance embedded database) they are
 * generated once and kept in the data directory, so tokens survive restarts. */
export async function loadSecrets(sources: SecretSources): Promise<Secrets> {
  const given = { JWT_SECRET: sources.JWT_SECRET, OTP_SECRET: sources.OTP_SECRET };
  for (const [name, value] of Object.entries(given)) {
    if (value !== undefined && Buffer.byteLength(value) < MIN_SECRET_BYTES) {
      throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    if (value === undefined && sources.required) {
      throw new Error(`${name} is required in production with DATABASE_URL`);
    }
  }
  const stored = given.JWT_SECRET && given.OTP_SECRET ? null : await storedSecrets(sources.dataDir);
  return {
    jwtSecret: Buffer.from(given.JWT_SECRET ?? stored?.jwt ?? ''),
    otpSecret: Buffer.from(given.OTP_SECRET ?? stored?.otp ?? ''),
  };
}

async function storedSecrets(dataDir: string): Promise<{ jwt: string; otp: string }> {
  const file = join(dataDir, 'secrets.json');
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { jwt?: unknown; otp?: unknown };
    if (typeof parsed.jwt === 'string' && typeof parsed.otp === 'string') {
      return { jwt: parsed.jwt, otp: parsed.otp };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fresh = {
    jwt: randomBytes(48).toString('base64url'),
    otp: randomBytes(48).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh;
}
