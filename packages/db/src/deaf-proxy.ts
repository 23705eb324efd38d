// For tests: a TCP proxy in front of PostgreSQL that passes everything but notifications, so a
// connection through it answers every query and never hears a NOTIFY, as a listener behind a
// transaction pooler does.
import net from 'node:net';

/** PostgreSQL's NotificationResponse message type, server to client. */
const NOTIFICATION = 0x41; // 'A'

/** Drops whole NotificationResponse messages from the server's byte stream while `deaf()`. The
 * client sends no SSLRequest (the test URLs have no sslmode), so every server message is typed:
 * one byte of type, then a length that counts itself. */
function serverStream(deaf: () => boolean) {
  let pending = Buffer.alloc(0);
  return (chunk: Buffer): Buffer => {
    pending = Buffer.concat([pending, chunk]);
    const kept: Buffer[] = [];
    while (pending.length >= 5) {
      const size = 1 + pending.readUInt32BE(1);
      if (pending.length < size) break;
      const message = pending.subarray(0, size);
      if (!(deaf() && message[0] === NOTIFICATION)) kept.push(message);
      pending = pending.subarray(size);
    }
    return Buffer.concat(kept);
  };
}

export interface DeafProxy {
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  /** Whether notifications are dropped (true from the start). */
  setDeaf(value: boolean): void;
  close(): Promise<void>;
}

export async function startDeafProxy(databaseUrl: string): Promise<DeafProxy> {
  const target = new URL(databaseUrl);
  let deaf = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const filter = serverStream(() => deaf);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const passed = filter(chunk);
      if (passed.length > 0) client.write(passed);
    });
    upstream.on('end', () => client.end());
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    setDeaf(value) {
      deaf = value;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
