import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRoleByEmail } from '@otp-auth/auth';
import {
  adminCurlExamples,
  curlExamples,
  jwksCurlExample,
  selfServiceCurlExamples,
} from '../../test/curl-examples';
import { runCurl } from '../../test/curl';
import { startTestServer, type TestServer } from '../../test/support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const email = 'testuser@example.com';

describe('the original curl examples, run with curl', () => {
  it('register → verify → login → profile → change password → logout', async () => {
    const registered = await runCurl(curlExamples.register, server.url);
    expect(registered).toEqual({
      status: 201,
      body: { message: expect.any(String) as unknown, email },
    });

    const code = await server.smtp.codeFor(email);
    const verified = await runCurl(curlExamples.verify, server.url, {
      '<code from the mail>': code,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ message: expect.stringMatching(/verified/i) as unknown });

    // After verification a resend answers as it always does.
    const resent = await runCurl(curlExamples.resend, server.url);
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ message: expect.any(String) as unknown });

    const login = await runCurl(curlExamples.login, server.url);
    expect(login.status).toBe(200);
    const tokens = login.body as { access: string; refresh: string };
    expect(tokens.access.split('.')).toHaveLength(3);
    expect(tokens.refresh.split('.')).toHaveLength(3);

    const profile = await runCurl(curlExamples.profile, server.url, { '<access>': tokens.access });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      email,
      username: 'testuser',
      phone_number: '1234567890',
    });
    expect(Date.parse((profile.body as { date_joined: string }).date_joined)).not.toBeNaN();

    const changed = await runCurl(curlExamples.changePassword, server.url, {
      '<access>': tokens.access,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ access: expect.any(String) as unknown });

    const oldPassword = await runCurl(curlExamples.login, server.url);
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.body).toMatchObject({ code: 'invalid_credentials' });

    const withNew = curlExamples.login.replace('strongpassword123', 'newpassword456');
    const newPassword = await runCurl(withNew, server.url);
    expect(newPassword.status).toBe(200);
    const { refresh } = newPassword.body as { refresh: string };

    // The refresh example rotates the pair; the rotated token is then logged out.
    const rotated = await runCurl(curlExamples.refresh, server.url, { '<refresh>': refresh });
    expect(rotated.status).toBe(200);
    const current = (rotated.body as { refresh: string }).refresh;
    expect(current).not.toBe(refresh);

    const logout = await runCurl(curlExamples.logout, server.url, { '<refresh>': current });
    expect(logout).toEqual({ status: 200, body: { message: 'Logged out.' } });

    const refused = await runCurl(curlExamples.refresh, server.url, { '<refresh>': current });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'token_not_valid' });
  });

  // Continues with the account of the examples above (its password is now newpassword456).
  it('forgot → reset → edit profile → change email → export → delete', async () => {
    const examples = selfServiceCurlExamples;
    expect((await runCurl(examples.forgot, server.url)).status).toBe(200);
    const code = await server.smtp.codeFor(email, 0, /password reset code/);
    const reset = await runCurl(examples.forgotConfirm, server.url, {
      '<code from the mail>': code,
    });
    expect(reset.status).toBe(200);
    const login = await runCurl(
      curlExamples.login.replace('strongpassword123', 'newpassword456'),
      server.url,
    );
    const { access } = login.body as { access: string };
    const token = { '<access>': access };

    const edited = await runCurl(examples.updateProfile, server.url, token);
    expect(edited).toMatchObject({ status: 200, body: { username: 'newname' } });
    expect((await runCurl(examples.changeEmail, server.url, token)).status).toBe(200);
    const otp = await server.smtp.codeFor('new@example.com', 0, /email change code/);
    const moved = await runCurl(examples.confirmEmailChange, server.url, {
      ...token,
      '<code from the mail to the new address>': otp,
    });
    expect(moved).toMatchObject({ status: 200, body: { email: 'new@example.com' } });
    const exported = await runCurl(examples.exportData, server.url, token);
    expect(exported).toMatchObject({ status: 200, body: { profile: { username: 'newname' } } });
    const deleted = await runCurl(examples.deleteAccount, server.url, token);
    expect(deleted.status).toBe(200);
    expect((await runCurl(examples.exportData, server.url, token)).status).toBe(401);
  });

  it('the JWKS: public P-256 keys only', async () => {
    const jwks = await runCurl(jwksCurlExample, server.url);
    expect(jwks.status).toBe(200);
    const { keys } = jwks.body as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });

  it('the admin API: list the admins, grant the role by user id', async () => {
    const accounts = ['boss@example.com', 'helper@example.com'];
    for (const address of accounts) {
      const registered = curlExamples.register
        .replace('testuser@example.com', address)
        .replace('"testuser"', `"${address.split('@')[0] ?? ''}"`);
      expect((await runCurl(registered, server.url)).status).toBe(201);
      const code = await server.smtp.codeFor(address);
      const verify = curlExamples.verify.replace('testuser@example.com', address);
      expect((await runCurl(verify, server.url, { '<code from the mail>': code })).status).toBe(
        200,
      );
    }
    const [boss = '', helper = ''] = accounts;
    await setRoleByEmail(server.app.auth, boss, 'admin');
    const signIn = async (address: string) =>
      (
        (await runCurl(curlExamples.login.replace('testuser@example.com', address), server.url))
          .body as { access: string }
      ).access;
    const admin = { '<access of an admin>': await signIn(boss) };
    const helperId = (
      (await runCurl(curlExamples.profile, server.url, { '<access>': await signIn(helper) }))
        .body as { id: string }
    ).id;

    const granted = await runCurl(adminCurlExamples.setRole, server.url, {
      ...admin,
      '<user id>': helperId,
    });
    expect(granted).toMatchObject({
      status: 200,
      body: { user: { email: helper, role: 'admin' } },
    });
    const listed = await runCurl(adminCurlExamples.admins, server.url, admin);
    expect(listed.status).toBe(200);
    expect((listed.body as { admins: { email: string }[] }).admins.map((a) => a.email)).toEqual(
      accounts,
    );
  });

  it('are the ones the README shows', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    const all = {
      ...curlExamples,
      ...selfServiceCurlExamples,
      ...adminCurlExamples,
      jwks: jwksCurlExample,
    };
    for (const example of Object.values(all)) expect(readme).toContain(example);
  });
});
