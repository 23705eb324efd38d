import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsc = join(workspace, 'node_modules/typescript/bin/tsc');

// A consumer of the published package: NodeNext resolution, strict, nothing from the workspace.
const consumer = `
import { createAuthClient, isClientError, memoryStorage, type ClientError } from '@otp-auth/client';
import { fileStorage } from '@otp-auth/client/node';
import {
  createTokenVerifier,
  TokenVerificationError,
  type AccessTokenClaims,
} from '@otp-auth/client/verify';

const auth = createAuthClient({ url: 'http://127.0.0.1:8000', storage: memoryStorage() });
await auth.login({ email: 'a@example.com', password: 'strongpassword123' });
const me: { username: string; date_joined: string } = await auth.profile();

// @ts-expect-error the email must be a string
await auth.login({ email: 42, password: 'strongpassword123' });
// @ts-expect-error a field the profile does not have
console.log(me.password);
// @ts-expect-error the username is a string, not a number
const wrong: number = me.username;

export function explain(error: ClientError): string {
  switch (error.code) {
    case 'invalid_input':
      return Object.keys(error.fields).join(', ');
    case 'otp_invalid':
      return String(error.attemptsLeft);
    case 'rate_limited':
      return String(error.retryAfter);
    default:
      // @ts-expect-error only field errors carry fields
      return error.fields;
  }
}
export const check = (e: unknown) => isClientError(e) && e.code === 'token_not_valid';
export const files = fileStorage('tokens.json');
export const profile = auth.trpc.account.profile.query;
// @ts-expect-error the router is typed: no such procedure
export const missing = auth.trpc.account.nope;
export { wrong };

const verifier = createTokenVerifier({
  issuer: 'otp-auth',
  audience: 'otp-auth',
  jwksUrl: 'http://127.0.0.1:8000/.well-known/jwks.json',
});
export async function userOf(token: string): Promise<string | null> {
  try {
    const claims: AccessTokenClaims = await verifier.verify(token);
    const kind: 'access' = claims.token_type;
    // @ts-expect-error claims are typed: no such claim
    console.log(claims.email, kind);
    return claims.user_id;
  } catch (error) {
    if (error instanceof TokenVerificationError && error.code === 'jwks_unavailable') throw error;
    return null;
  }
}
// @ts-expect-error the verifier needs its audience
createTokenVerifier({ issuer: 'otp-auth', jwksUrl: 'http://127.0.0.1:8000/.well-known/jwks.json' });
`;

const smoke = `
import { createAuthClient, isClientError } from '@otp-auth/client';
import { fileStorage } from '@otp-auth/client/node';
import { createTokenVerifier } from '@otp-auth/client/verify';
const auth = createAuthClient({ url: 'http://127.0.0.1:1', storage: fileStorage('t.json') });
try {
  await auth.login({ email: 'a@example.com', password: 'strongpassword123' });
} catch (error) {
  console.log(isClientError(error) ? error.code : 'not a ClientError');
}
const verifier = createTokenVerifier({
  issuer: 'otp-auth',
  audience: 'otp-auth',
  jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json',
});
const token = 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJ4In0.c2ln';
await verifier.verify(token).catch((error) => console.log(error.code));
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otp-auth-client-consumer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the packed client', () => {
  it('installs outside the workspace and type-checks there', { timeout: 180_000 }, async () => {
    // pm-on-fail=ignore: pack with the running pnpm, without first resolving the pinned one.
    await run(
      'pnpm',
      ['--pm-on-fail=ignore', '--filter', '@otp-auth/client', 'pack', '--pack-destination', dir],
      { cwd: workspace },
    );
    const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('no tarball was packed');

    const listing = (await run('tar', ['tzf', join(dir, tarball)])).stdout.split('\n');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).toEqual(
      expect.arrayContaining(['package/dist/verify.js', 'package/dist/verify.d.ts']),
    );
    expect(listing.some((name) => name.startsWith('package/src/'))).toBe(false);
    const manifest = JSON.parse(
      (await run('tar', ['xzf', join(dir, tarball), '-O', 'package/package.json'])).stdout,
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@trpc/client',
      '@trpc/server',
      'jose',
    ]);

    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ['main.ts'],
      }),
    );
    await writeFile(join(dir, 'main.ts'), consumer);
    await writeFile(join(dir, 'smoke.mjs'), smoke);
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--prefer-offline',
        `./${tarball}`,
      ],
      { cwd: dir },
    );
    const installed = await readdir(join(dir, 'node_modules'));
    expect(installed).toContain('@otp-auth');
    expect(await readdir(join(dir, 'node_modules/@otp-auth'))).toEqual(['client']);

    // The README states the size: keep the client's own code small. An app loads one entry
    // point (a browser the main one) and the shared chunks it imports, so each is measured so.
    const distDir = join(dir, 'node_modules/@otp-auth/client/dist');
    const scripts = (await readdir(distDir)).filter((name) => name.endsWith('.js'));
    const gzipped = async (name: string) =>
      gzipSync(await readFile(join(distDir, name)), { level: 9 }).length;
    for (const entry of scripts.filter((name) => !name.startsWith('chunk-'))) {
      const code = await readFile(join(distDir, entry), 'utf8');
      const chunks = new Set(
        [...code.matchAll(/from ['"]\.\/(chunk-[\w-]+\.js)['"]/g)].map((m) => m[1]),
      );
      let size = await gzipped(entry);
      for (const chunk of chunks) size += await gzipped(chunk ?? '');
      expect(size, entry).toBeLessThan(6 * 1024);
    }
    expect(scripts).toContain('index.js');

    const checked = await run(process.execPath, [tsc, '-p', dir]).then(
      () => 'ok',
      (error: unknown) => (error as { stdout?: string }).stdout ?? 'tsc failed',
    );
    expect(checked).toBe('ok');

    const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: dir });
    expect(stdout.trim().split('\n')).toEqual(['network_error', 'jwks_unavailable']);
  });
});
