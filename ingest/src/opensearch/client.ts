/**
 * A small OpenSearch HTTP client on `node:http`/`node:https`.
 *
 * Why not the official client: gdlens sends a handful of request kinds (JSON and NDJSON), and the
 * writer needs to own retries, batching and accounting itself (the official bulk helper retries
 * only per-item 429 and abandons a run on a transport error). `node:https` takes TLS options (CA,
 * client certificate) directly, basic auth is a header, and SigV4 for Amazon OpenSearch Service
 * plugs in through `signRequest`, which sees the final method, path, headers and body. No
 * runtime dependency, and keep-alive sockets are reused across bulks.
 */
import http from 'node:http';
import https from 'node:https';
import { IngestError } from '../errors';

/** A request about to be sent; `signRequest` may add headers (SigV4 signs exactly these bytes). */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

export interface OpenSearchClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:9200` or `https://search-x.eu-west-1.es.amazonaws.com`. */
  readonly url: string;
  /** Basic authentication; a `user:password@` part of `url` is used when this is absent. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** TLS settings for `https` URLs. */
  readonly tls?: https.AgentOptions;
  /** Adds headers (for example an AWS SigV4 signature) after the body is final. */
  readonly signRequest?: (request: OutgoingRequest) => Promise<void> | void;
  /** Per-request timeout. @defaultValue 60000 */
  readonly requestTimeoutMs?: number;
  /** Sockets kept per host. @defaultValue 16 */
  readonly maxSockets?: number;
}

/** The reply to one request. `body` is parsed JSON, or undefined for an empty reply. */
export interface OpenSearchResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** OpenSearch answered with a status the caller did not accept. */
export class OpenSearchHttpError extends IngestError {
  override readonly name = 'OpenSearchHttpError';

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly responseBody: unknown,
  ) {
    super(`${method} ${path} returned HTTP ${status}: ${summariseBody(responseBody)}`, { status, method, path });
  }
}

/** No HTTP answer at all: refused, reset, timed out, DNS. Always worth retrying. */
export class OpenSearchConnectionError extends IngestError {
  override readonly name = 'OpenSearchConnectionError';
}

function summariseBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '(empty)' : text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

export interface RequestOptions {
  /** JSON value, or a pre-serialised string/Buffer (NDJSON for `_bulk`). */
  readonly body?: unknown;
  /** Statuses returned instead of thrown. @defaultValue 2xx only */
  readonly accept?: readonly number[];
  readonly signal?: AbortSignal;
  readonly contentType?: string;
}

/** The client the store and sink use; injected everywhere so tests point it at a real node. */
export class OpenSearchClient {
  readonly baseUrl: URL;
  private readonly agent: http.Agent;
  private readonly authHeader: string | undefined;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: OpenSearchClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch (cause) {
      throw new IngestError(`opensearch client: invalid URL '${options.url}'`, { url: options.url }, { cause });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new IngestError(`opensearch client: URL must be http or https, got '${base.protocol}'`, { url: options.url });
    }
    const username = options.auth?.username ?? decodeURIComponent(base.username);
    const password = options.auth?.password ?? decodeURIComponent(base.password);
    this.authHeader = username ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
    base.username = '';
    base.password = '';
    this.baseUrl = base;
    const maxSockets = options.maxSockets ?? 16;
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets, ...options.tls })
        : new http.Agent({ keepAlive: true, maxSockets });
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  /** The base URL without credentials, for logs. */
  get displayUrl(): string {
    return this.baseUrl.origin + this.baseUrl.pathname.replace(/\/$/, '');
  }

  /**
   * Sends one request. Throws `OpenSearchHttpError` for a status outside 2xx and `accept`,
   * `OpenSearchConnectionError` when no answer came.
   */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<OpenSearchResponse<T>> {
    const url = new URL(this.baseUrl.pathname.replace(/\/$/, '') + path, this.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: Buffer | undefined;
    if (options.body !== undefined) {
      const raw = options.body;
      body = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
      headers['content-type'] = options.contentType ?? (typeof raw === 'string' || Buffer.isBuffer(raw) ? 'application/x-ndjson' : 'application/json');
      headers['content-length'] = String(body.length);
    }
    if (this.authHeader) headers.authorization = this.authHeader;
    const outgoing: OutgoingRequest = { method, url, headers, ...(body ? { body } : {}) };
    if (this.options.signRequest) await this.options.signRequest(outgoing);
    const { status, text } = await this.send(outgoing, options.signal);
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const ok = (status >= 200 && status < 300) || (options.accept ?? []).includes(status);
    if (!ok) throw new OpenSearchHttpError(status, method, path, parsed);
    return { status, body: parsed as T };
  }

  private send(request: OutgoingRequest, signal: AbortSignal | undefined): Promise<{ status: number; text: string }> {
    const transport = request.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        request.url,
        { method: request.method, headers: request.headers, agent: this.agent, timeout: this.requestTimeoutMs, ...(signal ? { signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (cause) => reject(connectionError(request, cause)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.requestTimeoutMs} ms`)));
      req.on('error', (cause) => reject(connectionError(request, cause)));
      req.end(request.body);
    });
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }
}

function connectionError(request: OutgoingRequest, cause: unknown): OpenSearchConnectionError {
  const reason = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return new OpenSearchConnectionError(`${request.method} ${request.url.origin}${request.url.pathname}: ${reason}`, { url: request.url.origin }, { cause });
}
