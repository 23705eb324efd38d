import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import {
  dataOf,
  errorOf,
  mutate,
  PASSWORD,
  query,
  signUp,
  startHostileServer,
  type Tokens,
} from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

const profileStatus = async (token: string) =>
  (await query(server, 'account.profile', undefined, { token })).status;

interface SessionRow {
  id: string;
  created_at: string;
  last_used_at: string;
  user_agent: string | null;
  ip: string | null;
  current: boolean;
}

const sessionsOf = async (token: string) =>
  (
    dataOf(await query(server, 'account.sessions', undefined, { token })) as {
      sessions: SessionRow[];
    }
  ).sessions;

describe('session control', () => {
  it('ASVS 4.0.3 3.5.3: reusing a rotated refresh token kills the thief and the victim', async () => {
    const user = await signUp(server, 'reuse');
    const rotated = dataOf(
      await mutate(server, 'auth.refresh', { refresh: user.tokens.refresh }),
    ) as Tokens;
    // The thief replays the old token: refused, and the whole family dies.
    expect((await mutate(server, 'auth.refresh', { refresh: user.tokens.refresh })).status).toBe(
      401,
    );
    expect((await mutate(server, 'auth.refresh', { refresh: rotated.refresh })).status).toBe(401);
    expect(await profileStatus(rotated.access)).toBe(401);
    const events = await server.app.db.prisma.auditEvent.findMany({
      where: { type: 'refresh_reuse', email: null },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.ip).toBe('127.0.0.1');
  });

  it('ASVS 4.0.3 3.3.1: logout-all ends every session at once', async () => {
    const user = await signUp(server, 'everywhere');
    const second = dataOf(
      await mutate(server, 'auth.login', { email: user.email, password: PASSWORD }),
    ) as Tokens;
    expect(
      (await mutate(server, 'auth.logoutAll', undefined, { token: second.access })).status,
    ).toBe(200);
    for (const tokens of [user.tokens, second]) {
      expect(await profileStatus(tokens.access)).toBe(401);
      expect((await mutate(server, 'auth.refresh', { refresh: tokens.refresh })).status).toBe(401);
    }
  });

  it('ASVS 4.0.3 3.3.3/2.5.5: a password change ends every other session and mails the owner', async () => {
    const user = await signUp(server, 'changer');
    const other = dataOf(
      await mutate(server, 'auth.login', { email: user.email, password: PASSWORD }),
    ) as Tokens;
    const changed = await mutate(
      server,
      'account.changePassword',
      {
        old_password: PASSWORD,
        new_password: 'newpassword456',
        confirm_password: 'newpassword456',
      },
      { token: user.tokens.access },
    );
    const fresh = dataOf(changed) as Tokens;
    expect(await profileStatus(fresh.access)).toBe(200);
    expect(await profileStatus(other.access)).toBe(401);
    expect((await mutate(server, 'auth.refresh', { refresh: other.refresh })).status).toBe(401);
    await server.smtp.waitFor((m) => m.to === user.email && /password was changed/.test(m.subject));
  });

  it('ASVS 4.0.3 3.3.4: sessions are listed with their facts, and one can be ended', async () => {
    const user = await signUp(server, 'lister', { 'user-agent': 'laptop-browser/1.0' });
    const phone = dataOf(
      await mutate(
        server,
        'auth.login',
        { email: user.email, password: PASSWORD },
        { headers: { 'user-agent': 'phone-app/2.0' } },
      ),
    ) as Tokens;
    const listed = await sessionsOf(user.tokens.access);
    expect(listed).toHaveLength(2);
    const mine = listed.find((s) => s.current);
    const theirs = listed.find((s) => !s.current);
    expect(mine?.user_agent).toBe('laptop-browser/1.0');
    expect(theirs?.user_agent).toBe('phone-app/2.0');
    expect(theirs?.ip).toBe('127.0.0.1');
    expect(Date.parse(theirs?.created_at ?? '')).not.toBeNaN();
    expect(Date.parse(theirs?.last_used_at ?? '')).not.toBeNaN();
    // Nothing secret in the listing.
    const raw = (await query(server, 'account.sessions', undefined, { token: user.tokens.access }))
      .text;
    expect(raw).not.toContain(phone.refresh);
    expect(raw).not.toMatch(/hash|jti|token/i);

    const revoked = await mutate(
      server,
      'account.revokeSession',
      { id: theirs?.id },
      { token: user.tokens.access },
    );
    expect(revoked.status).toBe(200);
    expect(await profileStatus(phone.access)).toBe(401);
    expect(await profileStatus(user.tokens.access)).toBe(200);
    expect((await sessionsOf(user.tokens.access)).map((s) => s.id)).toEqual([mine?.id]);
  });

  it("ASVS 4.0.3 4.2.1 (IDOR): nobody can end, or learn of, another user's session", async () => {
    const victim = await signUp(server, 'idor-victim');
    const attacker = await signUp(server, 'idor-attacker');
    const [victimSession] = await sessionsOf(victim.tokens.access);
    const attempt = await mutate(
      server,
      'account.revokeSession',
      { id: victimSession?.id },
      { token: attacker.tokens.access },
    );
    const unknown = await mutate(
      server,
      'account.revokeSession',
      { id: '01234567-89ab-7def-8123-456789abcdef' },
      { token: attacker.tokens.access },
    );
    expect(attempt.status).toBe(404);
    expect(errorOf(attempt).code).toBe('not_found');
    expect(attempt.text).toBe(unknown.text);
    expect(await profileStatus(victim.tokens.access)).toBe(200);
    const malformed = await mutate(
      server,
      'account.revokeSession',
      { id: 'x' },
      { token: attacker.tokens.access },
    );
    expect(malformed.status).toBe(400);
  });
});
