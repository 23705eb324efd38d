// A stand-in for GitHub's OAuth endpoints and the two REST calls the GitHub preset makes, on
// 127.0.0.1: the only imitation in these tests. It checks what GitHub checks: the client, the
// redirect URI, the code once, and PKCE S256.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubPerson {
  id: number;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

async function body(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return new URLSearchParams(text);
}

export async function startGithubStandIn(client: { id: string; secret: string }) {
  const grants = new Map<string, { person: GithubPerson; challenge: string; redirect: string }>();
  const tokens = new Map<string, GithubPerson>();
  let signedIn: GithubPerson | null = null;
  const calls: string[] = [];

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      calls.push(`${request.method ?? ''} ${url.pathname}`);
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (url.pathname === '/login/oauth/authorize') {
        const query = url.searchParams;
        if (query.get('client_id') !== client.id || !signedIn) return json(400, {});
        if (query.get('code_challenge_method') !== 'S256') return json(400, {});
        const code = randomBytes(10).toString('hex');
        const redirect = query.get('redirect_uri') ?? '';
        grants.set(code, {
          person: signedIn,
          challenge: query.get('code_challenge') ?? '',
          redirect,
        });
        const back = new URL(redirect);
        back.searchParams.set('code', code);
        back.searchParams.set('state', query.get('state') ?? '');
        response.writeHead(302, { location: back.href });
        return response.end();
      }
      if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
        const form = await body(request);
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          form.get('client_id') !== client.id ||
          form.get('client_secret') !== client.secret ||
          form.get('redirect_uri') !== grant.redirect ||
          challenge !== grant.challenge
        ) {
          return json(200, { error: 'bad_verification_code' });
        }
        const token = `gho_${randomBytes(16).toString('hex')}`;
        tokens.set(token, grant.person);
        return json(200, {
          access_token: token,
          token_type: 'bearer',
          scope: 'read:user,user:email',
        });
      }
      const person = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /i, ''));
      if (!person) return json(401, { message: 'Bad credentials' });
      if (url.pathname === '/user') {
        return json(200, { id: person.id, login: person.login, name: person.name });
      }
      if (url.pathname === '/user/emails') return json(200, person.emails);
      return json(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url,
    calls,
    signIn(person: GithubPerson) {
      signedIn = person;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
