// The PostgreSQL listener's heartbeat goes through the channel it listens on: a connection that
// answers queries but never hears its channel (a transaction pooler) is never trusted.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenPostgres } from './notifications';
import { startDeafProxy, type DeafProxy } from './deaf-proxy';
import { emptyPostgresDatabase, postgresTestUrl } from './test-helpers';

let database: { url: string; drop: () => Promise<void> };
let proxy: DeafProxy;
beforeAll(async () => {
  database = await emptyPostgresDatabase(postgresTestUrl());
  proxy = await startDeafProxy(database.url);
});
afterAll(async () => {
  await proxy.close();
  await database.drop();
});

const CHANNEL = 'otp_auth_heartbeat_test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const seen = { up: 0, down: 0, payloads: [] as string[], isUp: false };
  return {
    seen,
    handlers: {
      onNotify: (payload: string) => seen.payloads.push(payload),
      onUp: () => {
        seen.up += 1;
        seen.isUp = true;
      },
      onDown: () => {
        seen.down += 1;
        seen.isUp = false;
      },
    },
  };
}

async function until(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

async function notify(payload: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  } finally {
    await client.end();
  }
}

describe('the listener heartbeat (PostgreSQL)', () => {
  it('a listener that never hears its channel is never up, though every query answers', async () => {
    proxy.setDeaf(true);
    const deaf = recorder();
    const direct = recorder();
    const deafListener = listenPostgres(proxy.through(database.url), CHANNEL, deaf.handlers);
    const directListener = listenPostgres(database.url, CHANNEL, direct.handlers);
    try {
      await until(() => direct.seen.isUp);
      await notify('s:one');
      await until(() => direct.seen.payloads.includes('s:one'));
      // Ten heartbeats later the deaf one has never been trusted.
      await sleep(2_500);
      expect(deaf.seen).toMatchObject({ up: 0, isUp: false, payloads: [] });
      // Heartbeats are never passed on, ours or the other listener's.
      expect(direct.seen.payloads).toEqual(['s:one']);
    } finally {
      await deafListener.close();
      await directListener.close();
    }
  });

  it('goes down when it stops hearing its channel, and up again when it hears it', async () => {
    proxy.setDeaf(false);
    const listener = recorder();
    const subscription = listenPostgres(proxy.through(database.url), CHANNEL, listener.handlers);
    try {
      await until(() => listener.seen.isUp);
      proxy.setDeaf(true);
      const deafAt = Date.now();
      await until(() => !listener.seen.isUp);
      // The default heartbeat (250 ms) and staleness (750 ms) bound it.
      expect(Date.now() - deafAt).toBeLessThan(1_500);
      proxy.setDeaf(false);
      await until(() => listener.seen.isUp);
      expect(listener.seen).toMatchObject({ up: 2, down: 1 });
    } finally {
      await subscription.close();
    }
  });
});
