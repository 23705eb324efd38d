import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import {
  accountFor,
  dataOf,
  mutate,
  PASSWORD,
  query,
  startHostileServer,
  type Tokens,
} from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

describe('audit log', () => {
  it('ASVS 4.0.3 7.1.3/7.2.1: records each security event with time, user, IP and user agent', async () => {
    const secrets: string[] = [];
    const ua = { 'user-agent': 'audit-probe/1.0' };
    const account = accountFor('audited');
    secrets.push(account.password, 'newpassword456', 'wrong-password-1');

    await mutate(server, 'auth.register', account, { headers: ua });
    const code = await server.smtp.codeFor(account.email);
    secrets.push(code);
    await mutate(server, 'auth.verifyOtp', { email: account.email, otp: code }, { headers: ua });
    await mutate(server, 'auth.register', { ...account, username: 'audited2' }, { headers: ua });
    await mutate(
      server,
      'auth.login',
      { email: account.email, password: 'wrong-password-1' },
      { headers: ua },
    );
    const first = dataOf(
      await mutate(
        server,
        'auth.login',
        { email: account.email, password: PASSWORD },
        { headers: ua },
      ),
    ) as Tokens;
    const rotated = dataOf(
      await mutate(server, 'auth.refresh', { refresh: first.refresh }, { headers: ua }),
    ) as Tokens;
    await mutate(server, 'auth.refresh', { refresh: first.refresh }, { headers: ua }); // reuse
    const second = dataOf(
      await mutate(
        server,
        'auth.login',
        { email: account.email, password: PASSWORD },
        { headers: ua },
      ),
    ) as Tokens;
    const changed = dataOf(
      await mutate(
        server,
        'account.changePassword',
        {
          old_password: PASSWORD,
          new_password: 'newpassword456',
          confirm_password: 'newpassword456',
        },
        { token: second.access, headers: ua },
      ),
    ) as Tokens;
    const third = dataOf(
      await mutate(
        server,
        'auth.login',
        { email: account.email, password: 'newpassword456' },
        { headers: ua },
      ),
    ) as Tokens;
    const listed = dataOf(
      await query(server, 'account.sessions', undefined, { token: changed.access }),
    ) as { sessions: { id: string; current: boolean }[] };
    const other = listed.sessions.find((s) => !s.current);
    await mutate(
      server,
      'account.revokeSession',
      { id: other?.id },
      { token: changed.access, headers: ua },
    );
    await mutate(server, 'auth.logout', { refresh_token: changed.refresh }, { headers: ua });
    const last = dataOf(
      await mutate(
        server,
        'auth.login',
        { email: account.email, password: 'newpassword456' },
        { headers: ua },
      ),
    ) as Tokens;
    await mutate(server, 'auth.logoutAll', undefined, { token: last.access, headers: ua });
    for (const tokens of [first, rotated, second, changed, third, last])
      secrets.push(tokens.access, tokens.refresh);

    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: account.email },
    });
    const all = await server.app.db.prisma.auditEvent.findMany({
      orderBy: { createdAt: 'asc' },
    });
    // The server's own events (a signing key created at start) have no user, IP or agent.
    const own = all.filter((e) => e.type === 'signing_key_created');
    expect(own.map((e) => [e.userId, e.ip, e.userAgent])).toEqual([[null, null, null]]);
    const events = all.filter((e) => e.type !== 'signing_key_created');
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'register',
      'verify',
      'register_existing',
      'login_failure',
      'login_success',
      'refresh_reuse',
      'password_change',
      'session_revoke',
      'logout',
      'logout_all',
    ]) {
      expect(types, type).toContain(type);
    }
    for (const event of events) {
      expect(event.userId).toBe(user.id);
      expect(event.ip).toBe('127.0.0.1');
      expect(event.createdAt).toBeInstanceOf(Date);
      if (event.type !== 'refresh_reuse') expect(event.userAgent).toBe('audit-probe/1.0');
    }

    // ASVS 4.0.3 7.1.1/7.1.2: no password, code or token, whole or in part, in any row.
    const dump = JSON.stringify(all);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    for (const token of secrets.filter((s) => s.split('.').length === 3)) {
      for (const part of token.split('.').slice(1)) expect(dump).not.toContain(part);
    }
    const hash = await server.app.db.prisma.password.findUniqueOrThrow({
      where: { userId: user.id },
    });
    expect(dump).not.toContain(hash.hash);
  });
});
