// The outside world the crash test's workflows call: an HTTP server that answers after a delay and
// records every request by its Idempotency-Key, so the test can count how often each node run reached
// it. `/flaky` drops the connection of the first request of each key (a transport error: retried).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface Hit {
  readonly key: string;
  readonly path: string;
  readonly at: number;
}

/** The running server and what it saw. */
export interface SideEffects {
  readonly url: string;
  readonly hits: Hit[];
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startSideEffects(): Promise<SideEffects> {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const path = (req.url ?? '/').split('?')[0] as string;
    hits.push({ key, path, at: Date.now() });
    if (path === '/flaky' && !seen.has(key)) {
      seen.add(key);
      req.socket.destroy();
      return;
    }
    const delay = 50 + Math.floor(Math.random() * 400);
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, path }));
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
