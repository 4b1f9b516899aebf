// A TCP proxy the test can cut, to make a store stop answering while the service runs.
import { createConnection, createServer, type Socket } from 'node:net';

/** A running proxy to `host:port` on a free local port. */
export interface TcpProxy {
  readonly port: number;
  /** Closes every connection and stops listening: the target looks dead from the client's side. */
  cut(): Promise<void>;
}

/** Starts a proxy forwarding every connection to `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
