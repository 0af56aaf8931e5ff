import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors';
import { EXPOSITION_CONTENT_TYPE } from './exposition';

export interface MetricsServerOptions {
  /** 127.0.0.1 by default: the metrics say how much a worker reads, so they stay local unless asked. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Renders the exposition text at each scrape. */
  readonly render: () => string;
  readonly log?: (line: string) => void;
}

export interface MetricsServer {
  /** `http://host:port/metrics`, with the port actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` (and HEAD); anything else is 404 or 405. */
export async function serveMetrics(options: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    let body: string;
    try {
      body = options.render();
    } catch (error) {
      options.log?.(`metrics not rendered: ${error instanceof Error ? error.message : String(error)}`);
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics not rendered\n');
      return;
    }
    response.writeHead(200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`--metrics-port: cannot listen on ${options.host}:${options.port} (${error.code ?? error.message})`, { setting: '--metrics-port' }, { cause: error })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  // Scrapes must never keep a stopping worker alive.
  server.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
