/**
 * `POST /tags` for CI/CD pipelines: the same fields as `gdlens tag`, as a JSON object, behind a
 * bearer token. Checks run cheapest first (rate limit, route, token, size, shape) so an
 * unauthenticated client never makes the server read a body or touch OpenSearch.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, IngestError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import { bearerMatches, requireToken } from './auth';
import { TokenBucketLimiter } from './rate-limit';
import { parseTag } from './tag';
import { writeTag } from './write';

/** @defaultValue largest body read; a tag is a few hundred bytes */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface TagServerOptions {
  readonly client: OpenSearchClient;
  readonly names: StoreNames;
  /** The bearer token pipelines send (`GDLENS_TAGS_TOKEN`); never logged. */
  readonly token: string;
  readonly now?: () => number;
  /** @defaultValue `DEFAULT_MAX_BODY_BYTES` */
  readonly maxBodyBytes?: number;
  /** Per client address. @defaultValue burst 20, 0.5 per second (30 a minute) */
  readonly rateLimit?: { readonly burst: number; readonly refillPerSecond: number };
  /**
   * Behind a reverse proxy, take the client address from the last `X-Forwarded-For` entry (the
   * one the proxy appended) so the rate limit stays per pipeline. Off by default: without a proxy
   * that header is whatever the client wants it to be. @defaultValue false
   */
  readonly trustProxy?: boolean;
  /** `recorded_by` when the body has no `by`. @defaultValue `api` */
  readonly defaultRecordedBy?: string;
  /** One line per request (method, path, status, client, tag id); never headers or the token. */
  readonly log?: (line: string) => void;
}

class HttpProblem extends IngestError {
  override readonly name = 'HttpProblem';

  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, { status });
  }
}

/** Builds the request handler; `createTagServer` wraps it in an `http.Server`. */
export function tagRequestHandler(options: TagServerOptions): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const token = requireToken(options.token);
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limiter = new TokenBucketLimiter({ ...(options.rateLimit ?? { burst: 20, refillPerSecond: 0.5 }), now });
  const log = options.log ?? (() => undefined);

  return (request, response) => {
    const started = now();
    const client = clientAddress(request, options.trustProxy ?? false);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const finish = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}, note = ''): void => {
      const payload = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)), 'cache-control': 'no-store', ...headers });
      response.end(payload);
      log(`${request.method ?? '?'} ${path} ${status} ${client} ${now() - started}ms${note ? ` ${note}` : ''}`);
    };
    handle(request, path, client)
      .then(({ status, body, note }) => finish(status, body, {}, note))
      .catch((error: unknown) => {
        if (error instanceof HttpProblem) {
          // The body may still be arriving (413, 401): close the connection instead of reading it.
          const headers = request.complete ? error.headers : { ...error.headers, connection: 'close' };
          finish(error.status, { error: error.message, ...error.body }, headers, error.message);
          return;
        }
        // The cause (cluster URL, OpenSearch's reply) goes to the log, not to the pipeline.
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof ConfigError) finish(503, { error: 'the tags index does not exist: run gdlens setup' }, {}, reason);
        else finish(502, { error: 'could not store the tag in OpenSearch' }, {}, reason);
      });
  };

  async function handle(request: http.IncomingMessage, path: string, client: string): Promise<{ status: number; body: Record<string, unknown>; note: string }> {
    const decision = limiter.take(client);
    if (!decision.allowed) {
      throw new HttpProblem(429, `too many requests from ${client}: retry in ${decision.retryAfterSeconds} s`, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    if (path !== '/tags') throw new HttpProblem(404, `no such endpoint ${path}: POST /tags`);
    if (request.method !== 'POST') throw new HttpProblem(405, `method ${request.method ?? '?'} not allowed on /tags: use POST`, { allow: 'POST' });
    if (!bearerMatches(request.headers.authorization, token)) {
      throw new HttpProblem(401, request.headers.authorization === undefined ? 'missing bearer token (Authorization: Bearer …)' : 'invalid bearer token', { 'www-authenticate': 'Bearer realm="gdlens-tags"' });
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) throw new HttpProblem(413, `body larger than ${maxBodyBytes} bytes`);
    const raw = await readBody(request, maxBodyBytes);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new HttpProblem(400, 'body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpProblem(400, 'body must be a JSON object with the tag fields');
    const parsed = parseTag(value as Record<string, unknown>, { nowMs: now(), defaultRecordedBy: options.defaultRecordedBy ?? 'api' });
    if (!parsed.ok) {
      const message = parsed.errors.map((e) => `field '${e.field}' ${e.message}`).join('; ');
      throw new HttpProblem(400, message, {}, { fields: parsed.errors });
    }
    const written = await writeTag(options.client, options.names, parsed.tag, now());
    return { status: written.result === 'created' ? 201 : 200, body: { id: written.id, result: written.result, index: written.index, tag: written.document }, note: `${written.result} ${written.id}` };
  }
}

function clientAddress(request: http.IncomingMessage, trustProxy: boolean): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return forwarded.at(-1) ?? socketAddress;
}

/** Reads a body up to `maxBytes`; past that it stops reading and fails with 413. */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        settled = true;
        request.off('data', onData);
        request.pause();
        reject(new HttpProblem(413, `body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => {
      if (!settled) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.once('error', (cause) => {
      if (!settled) reject(new HttpProblem(400, `could not read the body: ${cause.message}`));
    });
  });
}

/** An `http.Server` serving `POST /tags`; slow or idle clients are cut off after a few seconds. */
export function createTagServer(options: TagServerOptions): http.Server {
  const server = http.createServer(tagRequestHandler(options));
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  return server;
}

/** How long `close()` waits for requests in flight before closing their connections. */
const CLOSE_GRACE_MS = 5_000;

/** A listening tag server and how to stop it. */
export interface RunningTagServer {
  readonly server: http.Server;
  /** `http://host:port`, with the port actually bound (0 asks for an ephemeral one). */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a tag server on `host:port` and resolves once it listens. */
export function startTagServer(options: TagServerOptions & { readonly host: string; readonly port: number }): Promise<RunningTagServer> {
  const server = createTagServer(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Let requests in flight finish (their tag may already be written), then cut stragglers.
            const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
