import { createServer, type Server } from 'node:http';
import { PranaClient } from '../sdk/typescript/src/client.js';
import { serveApi } from './api.js';
import { webAssets } from './bundle.js';

/** How the console reaches the service and where it listens. */
export interface ConsoleOptions {
  /** The service (`host:port`). */
  readonly target: string;
  readonly token?: string;
  readonly namespace?: string;
  readonly rootCertificates?: Buffer;
  /** Where the console listens (`host`, port 0 picks one). */
  readonly host: string;
  readonly port: number;
}

/** A running console. */
export interface RunningConsole {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The web console: a small HTTP server of its own that serves the page and a JSON API, every route of
 * which is a call of the service's public gRPC API (it never reaches into the service). The token stays
 * here: the page only talks to this server.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const assets = await webAssets();
  const client = new PranaClient(options.target, {
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(options.rootCertificates === undefined ? {} : { rootCertificates: options.rootCertificates }),
  });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://console');
    if (url.pathname.startsWith('/api/')) {
      serveApi(client, request, response, url.pathname.slice('/api'.length), url.searchParams).catch(() => response.destroy());
      return;
    }
    const file =
      url.pathname === '/app.js' ? ['text/javascript', assets.script] : url.pathname === '/style.css' ? ['text/css', assets.style] : ['text/html', assets.html];
    response.writeHead(200, { 'content-type': `${file[0]}; charset=utf-8`, 'cache-control': 'no-store' });
    response.end(file[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.close();
    },
  };
}
