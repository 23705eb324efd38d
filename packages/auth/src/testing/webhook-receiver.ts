// A real webhook receiver on 127.0.0.1 for tests: it checks every request with the
// `standardwebhooks` package (the verifier receivers use), keeps what arrived, and answers as
// told: a status, a held request that never answers, or nothing at all (down: the port closed).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  /** `webhook-id`: the same for every attempt of one event. */
  id: string;
  headers: Record<string, string>;
  body: string;
  /** The status answered (0: held, never answered). */
  status: number;
  /** Whether `standardwebhooks` accepted the signature with one of the trusted secrets. */
  verified: boolean;
  /** The verified payload; null when not verified. */
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | null;
}

export type Answer = number | 'hold';

export async function startWebhookReceiver(options: { port?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  const secrets: string[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const held: ServerResponse[] = [];
  let answer: (request: { id: string; attempt: number }) => Answer = () => 200;
  // Requests open at once per webhook-id, from arrival to the end of the answer.
  const open = new Map<string, number>();
  let mostAtOnce = 0;

  const verify = (body: string, headers: Record<string, string>) => {
    for (const secret of secrets) {
      try {
        return new Webhook(secret).verify(body, headers) as ReceivedWebhook['payload'];
      } catch {
        // another secret may match
      }
    }
    return null;
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const openId = String(request.headers['webhook-id']);
    open.set(openId, (open.get(openId) ?? 0) + 1);
    mostAtOnce = Math.max(mostAtOnce, open.get(openId) ?? 0);
    response.on('close', () => open.set(openId, (open.get(openId) ?? 1) - 1));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const id = headers['webhook-id'] ?? '';
      const payload = verify(body, headers);
      const attempt = received.filter((r) => r.id === id).length + 1;
      const status = answer({ id, attempt });
      received.push({
        id,
        headers,
        body,
        status: status === 'hold' ? 0 : status,
        verified: payload !== null,
        payload,
      });
      for (const wake of waiters) wake();
      if (status === 'hold') {
        held.push(response);
        return;
      }
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? 'ok' : `refused with ${String(status)}`);
    });
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${String(port)}/hooks`;

  /** The first time `check` holds of what arrived; fails after `timeoutMs`. */
  function until(check: (all: ReceivedWebhook[]) => boolean, timeoutMs = 20_000): Promise<void> {
    if (check(received)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!check(received)) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`receiver: condition not met; got ${JSON.stringify(summary())}`));
      }, timeoutMs);
      waiters.add(wake);
    });
  }

  const summary = () => received.map((r) => ({ id: r.id, status: r.status, verified: r.verified }));

  return {
    port,
    url,
    received,
    /** Accept signatures made with this secret (`whsec_…`). */
    trust(secret: string) {
      secrets.push(secret);
    },
    /** Forget every trusted secret but this one. */
    trustOnly(secret: string) {
      secrets.splice(0, secrets.length, secret);
    },
    answer(next: Answer | ((request: { id: string; attempt: number }) => Answer)) {
      answer = typeof next === 'function' ? next : () => next;
    },
    until,
    /** Requests answered with a 2xx, by webhook-id. */
    accepted(): string[] {
      return received.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.id);
    },
    /** The most requests of one webhook-id that were open at the same moment. */
    mostAtOnce: () => mostAtOnce,
    /** Stops listening and cuts every connection: senders get "connection refused". */
    async down() {
      for (const response of held.splice(0)) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    /** Listens again, on the same port. */
    up: () => listen(port),
    async close() {
      if (server.listening) await this.down();
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
