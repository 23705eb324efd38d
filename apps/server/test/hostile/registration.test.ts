import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, mutate, signUp, startHostileServer, type Answer } from './http';

let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({ RATE_LIMIT_REGISTER: 'ip=1000/3600,account=1000/3600' });
});
afterAll(() => server.close());

/** Status and body, the address blanked (a success echoes it back). */
const shape = (answer: Answer, email: string) => ({
  status: answer.status,
  body: answer.text.split(email).join('<email>'),
});

describe('register reveals nothing through the username', () => {
  it('ASVS 5.0 6.3.8 (no user enumeration): a taken username is refused alike for a new, a pending and a verified email', async () => {
    const holder = await signUp(server, 'held-name');
    await signUp(server, 'held-verified');
    await mutate(server, 'auth.register', accountFor('held-pending'));
    const answers = [];
    for (const email of [
      'held-new@example.com',
      'held-pending@example.com',
      'held-verified@example.com',
      holder.email,
    ]) {
      const answer = await mutate(server, 'auth.register', { ...accountFor('held-name'), email });
      answers.push(shape(answer, email));
    }
    expect(answers[0]?.status).toBe(400);
    expect(answers[0]?.body).toContain('username_taken');
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('ASVS 5.0 6.3.8: a free username is accepted alike for a new, a pending and a verified email', async () => {
    await signUp(server, 'free-verified');
    await mutate(server, 'auth.register', accountFor('free-pending'));
    const answers = [];
    for (const [email, name] of [
      ['free-new@example.com', 'free-name-1'],
      ['free-pending@example.com', 'free-name-2'],
      ['free-verified@example.com', 'free-name-3'],
    ] as const) {
      const answer = await mutate(server, 'auth.register', { ...accountFor(name), email });
      answers.push(shape(answer, email));
    }
    expect(answers[0]?.status).toBe(200);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('ASVS 5.0 6.3.8: in a race for one email and username, every loser is refused for the username', async () => {
    const account = accountFor('racer');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => mutate(server, 'auth.register', account)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400]);
    const refused = answers.filter((answer) => answer.status === 400);
    for (const answer of refused) expect(answer.text).toContain('username_taken');
    expect(new Set(refused.map((answer) => answer.text)).size).toBe(1);
  });
});
