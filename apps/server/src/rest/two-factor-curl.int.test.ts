import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlExamples } from '../../test/curl-examples';
import { runCurl } from '../../test/curl';
import { startTestServer, type TestServer } from '../../test/support';
import { authenticatorApp } from '../../test/totp-codes';
import { twoFactorCurlExamples as examples } from '../../test/two-factor-curl-examples';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the README's two-factor curl examples, run with curl", () => {
  it('set up → confirm → login with a code and a recovery code → status → new codes → off', async () => {
    await runCurl(curlExamples.register, server.url);
    const otp = await server.smtp.codeFor('testuser@example.com');
    await runCurl(curlExamples.verify, server.url, { '<code from the mail>': otp });
    const { access } = (await runCurl(curlExamples.login, server.url)).body as { access: string };

    const setup = await runCurl(examples.setup, server.url, { '<access>': access });
    expect(setup.status).toBe(200);
    const app = authenticatorApp((setup.body as { secret: string }).secret);
    const confirmed = await runCurl(examples.confirm, server.url, {
      '<access>': access,
      '<code from the app>': await app.code(),
    });
    expect(confirmed.status).toBe(200);
    const codes = (confirmed.body as { recovery_codes: string[] }).recovery_codes;
    expect(codes).toHaveLength(10);

    const challenge = async () => {
      const login = await runCurl(curlExamples.login, server.url);
      expect(login.body).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
      return (login.body as { mfa_token: string }).mfa_token;
    };
    const withCode = await runCurl(examples.loginWithCode, server.url, {
      '<mfa_token>': await challenge(),
      '<code from the app>': await app.code(),
    });
    expect(withCode.status).toBe(200);
    const withRecovery = await runCurl(examples.loginWithRecoveryCode, server.url, {
      '<mfa_token>': await challenge(),
      '<a recovery code>': codes[0] ?? '',
    });
    expect(withRecovery.status).toBe(200);
    const current = (withRecovery.body as { access: string }).access;

    const status = await runCurl(examples.status, server.url, { '<access>': current });
    expect(status).toEqual({ status: 200, body: { enabled: true, recovery_codes_left: 9 } });
    const renewed = await runCurl(examples.recoveryCodes, server.url, {
      '<access>': current,
      '<code from the app>': await app.code(),
    });
    expect((renewed.body as { recovery_codes: string[] }).recovery_codes).toHaveLength(10);
    const off = await runCurl(examples.disable, server.url, {
      '<access>': current,
      '<code from the app>': await app.code(),
    });
    expect(off.status).toBe(200);
    expect((await runCurl(curlExamples.login, server.url)).body).toMatchObject({
      access: expect.any(String) as unknown,
    });
  }, 120_000);

  it('are the ones the README shows', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const example of Object.values(examples)) expect(readme).toContain(example);
  });
});
