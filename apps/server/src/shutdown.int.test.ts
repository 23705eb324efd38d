import { describe, expect, it } from 'vitest';
import { startTestServer } from '../test/support';

describe('close() with keep-alive clients', () => {
  it('answers every request in flight, then sends their mail, before it resolves', async () => {
    const server = await startTestServer({ BCRYPT_COST: '8' });
    let taken = 0;
    server.app.server.on('request', () => (taken += 1));
    const emails = Array.from({ length: 8 }, (_, i) => `keepalive-${i}@example.com`);
    // fetch keeps its connections alive: after its response each one must be closed cleanly.
    const calls = emails.map((email, i) =>
      fetch(`${server.url}/trpc/auth.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          username: `keepalive_${i}`,
          phone_number: '+15550002222',
          password: 'keep me alive please',
        }),
      }),
    );
    while (taken < emails.length) await new Promise((resolve) => setTimeout(resolve, 5));

    const closed = server.app.close();
    const replies = await Promise.all(calls);
    expect(replies.map((reply) => reply.status)).toEqual(emails.map(() => 200));
    await closed;
    // The outbox was drained before close() resolved: the mail is already there.
    expect(emails.map((email) => server.smtp.countTo(email))).toEqual(emails.map(() => 1));
    await server.close();
  });
});
