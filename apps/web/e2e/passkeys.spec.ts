import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import type { CDPSession, Page } from '@playwright/test';
import { authenticatorApp } from '../../server/test/totp-codes';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

/** Chromium refuses passkeys on 127.0.0.1: the app is opened at http://localhost:PORT, the
 * server started on that port and told that origin. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
const port = await freePort();
const origin = `http://localhost:${String(port)}`;
test.use({ serverEnv: { PORT: String(port), WEBAUTHN_ORIGINS: origin }, baseURL: origin });

/** The app at a second origin the server was not told of (another port of localhost, so that
 * the browser still accepts the RP id): a plain proxy to the server. */
async function otherOrigin(target: number) {
  const proxy = createHttpServer((incoming, outgoing) => {
    const forward = httpRequest(
      {
        host: '127.0.0.1',
        port: target,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return {
    url: `http://localhost:${String(address.port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      }),
  };
}

/** Chromium's virtual authenticator, through CDP: a platform authenticator (internal, CTAP2)
 * holding resident keys, verifying its user (as a fingerprint or face would). */
async function virtualAuthenticator(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    verifyUser: (isUserVerified: boolean) =>
      cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified }),
    /** Whether the device answers by itself (a touch); off, a ceremony waits. */
    presence: (enabled: boolean) =>
      cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
    clear: () => cdp.send('WebAuthn.clearCredentials', { authenticatorId }),
  };
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await page.goto('/login');
}

const accountHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Your account', exact: true });

test('passkeys: add one, sign in by the button, by autofill and as the second step, remove it', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const statuses: number[] = [];
  page.on('response', (response) => statuses.push(response.status()));
  const device = await virtualAuthenticator(page);
  // The sign-in page's autofill would take the passkey at once: no touch until asked for.
  await device.presence(false);

  const account = newAccount('passkey');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(accountHeading(page)).toBeVisible();

  // Add: the password first, then the device.
  const section = page.getByRole('region', { name: 'Passkeys' });
  await expect(section.getByText('You have no passkeys yet.')).toBeVisible();
  await device.presence(true);
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await section.getByRole('button', { name: 'Continue' }).click();
  await expect(section.getByText('Passkey "Passkey 1" added')).toBeVisible();
  expect(await device.credentials()).toHaveLength(1);
  await server.smtp.waitFor((m) => m.to === account.email && /passkey was added/.test(m.subject));
  await section.getByRole('button', { name: 'Rename Passkey 1' }).click();
  await section.getByLabel('Name', { exact: true }).fill('Test laptop');
  await section.getByRole('button', { name: 'Save name' }).click();
  await expect(section.getByText('Test laptop', { exact: true })).toBeVisible();
  await checkPage(page, 'passkeys-list');

  // The button: no email typed, no second step. The autofill's own request for options is held
  // back, so that the button's ceremony is the one that answers.
  const optionsRoute = '**/trpc/passkeys.signInOptions**';
  let optionsCalls = 0;
  await page.route(optionsRoute, async (route) => {
    optionsCalls += 1;
    if (optionsCalls > 1) await route.continue();
  });
  await device.presence(false);
  await signOut(page);
  await expect.poll(() => optionsCalls).toBe(1);
  await device.presence(true);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(accountHeading(page)).toBeVisible();
  await page.unroute(optionsRoute);

  // Autofill: the email field offers the passkey as soon as the page opens.
  await device.presence(false);
  await signOut(page);
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username webauthn');
  // The device answers the field's pending request (no button pressed).
  await device.presence(true);
  await expect(accountHeading(page)).toBeVisible();

  // The second step: with two-factor on, a password sign-in may finish with the passkey.
  await device.presence(false);
  const login = await page.request.post('/api/login/', {
    data: { email: account.email, password: account.password },
  });
  const { access } = (await login.json()) as { access: string };
  const headers = { authorization: `Bearer ${access}` };
  const setup = await page.request.post('/api/2fa/totp/setup/', {
    headers,
    data: { password: account.password },
  });
  const app = authenticatorApp(((await setup.json()) as { secret: string }).secret);
  await page.request.post('/api/2fa/totp/confirm/', { headers, data: { code: await app.code() } });
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
  await checkPage(page, 'passkeys-second-step');
  await device.presence(true);
  await page.getByRole('button', { name: 'Use a passkey instead' }).click();
  await expect(accountHeading(page)).toBeVisible();

  // Step-up: with two-factor on, an email change is proven with the passkey instead of a code.
  const email = page.getByRole('region', { name: 'Email address' });
  const newAddress = `moved-${account.email}`;
  await email.getByLabel('New email').fill(newAddress);
  await email.getByLabel('Current password').fill(account.password);
  await email.getByRole('button', { name: 'Confirm with a passkey instead' }).click();
  await typeCode(page, await server.smtp.codeFor(newAddress, 0, /email change code/));
  await expect(email.getByText(`Your address is now ${newAddress}`)).toBeVisible();

  // Remove it: the password again; a notice goes out.
  await section.getByRole('button', { name: 'Remove Test laptop' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await section.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(section.getByText('You have no passkeys yet.')).toBeVisible();
  await server.smtp.waitFor((m) => m.to === newAddress && /passkey was removed/.test(m.subject));
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
});

test('passkeys refused: user verification refused, removed from the device, a wrong origin', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const statuses: number[] = [];
  page.on('response', (response) => statuses.push(response.status()));
  const device = await virtualAuthenticator(page);
  await device.presence(false);
  const account = newAccount('pkrefused');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(accountHeading(page)).toBeVisible();
  const section = page.getByRole('region', { name: 'Passkeys' });
  await device.presence(true);
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await section.getByRole('button', { name: 'Continue' }).click();
  await expect(section.getByText('Passkey "Passkey 1" added')).toBeVisible();
  await device.presence(false);
  await signOut(page);

  // The device cannot verify the person: nothing signs in, the page says why.
  await device.verifyUser(false);
  await device.presence(true);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('alert')).toContainText(/could not verify you|could not be verified/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await device.verifyUser(true);

  // Opened at an origin the server does not accept: refused with a 400 and a sentence.
  await device.presence(false);
  const elsewhere = await otherOrigin(port);
  await page.goto(`${elsewhere.url}/login`);
  await device.presence(true);
  const refused = page.waitForResponse((r) => r.url().includes('browser.passkeySignIn'));
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('could not be verified');

  // Deleted from the device: nothing to offer, nothing signs in.
  await page.goto('/login');
  await device.clear();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('alert')).toContainText('No passkey was used');
  await checkPage(page, 'passkeys-refused');
  await elsewhere.close();
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
});
