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
import { redactUrlCredentials } from './redact';

/** A request about to be sent; `signRequest` may add headers (SigV4 signs exactly these bytes). */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** The body as the chunks it is sent in, in order (a bulk's operations are never joined into one copy). */
  readonly body?: readonly Buffer[];
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
  /** Added to a 401/403 error: which settings hold the credentials that were refused. */
  readonly authHint?: string;
  /** Added to a certificate verification error: which setting holds the trusted CA. */
  readonly tlsHint?: string;
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
    hint?: string,
  ) {
    const said = responseBody === undefined ? undefined : summariseBody(responseBody);
    const detail = hint === undefined ? (said ?? '(empty)') : said === undefined ? hint : `${hint}; the cluster said: ${said}`;
    super(`${method} ${path} returned HTTP ${status}: ${detail}`, { status, method, path });
  }
}

/** No HTTP answer at all: refused, reset, timed out, DNS. Always worth retrying. */
export class OpenSearchConnectionError extends IngestError {
  override readonly name = 'OpenSearchConnectionError';
}

/**
 * The server's certificate was not trusted. Not a connection error: retrying cannot help, the
 * configured CA (or the cluster's certificate) has to change.
 */
export class OpenSearchTlsError extends IngestError {
  override readonly name = 'OpenSearchTlsError';
}

/** OpenSSL's verification failures, as Node reports them in `error.code`. */
const CERTIFICATE_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function summariseBody(body: unknown): string {
  // Proxies answer 401/502 with an HTML page; its title says all of it.
  const title = typeof body === 'string' ? /<title>([^<]*)<\/title>/i.exec(body)?.[1] : undefined;
  const text = title ?? (typeof body === 'string' ? body : JSON.stringify(body));
  return text === undefined ? '(empty)' : text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

export interface RequestOptions {
  /**
   * JSON value, a pre-serialised string/Buffer, or NDJSON chunks (a `_bulk` body as its
   * operations, sent in order without first copying them into one buffer).
   */
  readonly body?: unknown;
  /** Statuses returned instead of thrown. @defaultValue 2xx only */
  readonly accept?: readonly number[];
  readonly signal?: AbortSignal;
  readonly contentType?: string;
}

/**
 * A request body already serialised as NDJSON, held as the byte chunks it is made of. The bulk
 * writer keeps each operation as its own buffer: joining a 5 MB batch into one buffer only to
 * write it to a socket was about a tenth of the worker's CPU (user + system time of a
 * 10,000-finding ingest).
 */
export class NdjsonChunks {
  /** The body's size: what the writer counts and the Content-Length says, summed once. */
  readonly byteLength: number;

  constructor(readonly chunks: readonly Buffer[]) {
    this.byteLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }
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
      const shown = redactUrlCredentials(options.url);
      throw new IngestError(`opensearch client: invalid URL '${shown}'`, { url: shown }, { cause });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new IngestError(`opensearch client: URL must be http or https, got '${base.protocol}'`, { url: redactUrlCredentials(options.url) });
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
    const { status, text } = await this.requestText(method, path, options);
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const ok = (status >= 200 && status < 300) || (options.accept ?? []).includes(status);
    if (!ok) throw new OpenSearchHttpError(status, method, path, parsed, status === 401 || status === 403 ? this.options.authHint : undefined);
    return { status, body: parsed as T };
  }

  /**
   * Sends one request (signed, authenticated, over the configured TLS) and returns the status and
   * raw reply whatever the status, for callers that read replies themselves. Throws
   * `OpenSearchConnectionError` or `OpenSearchTlsError` when no answer came.
   */
  async requestText(method: string, path: string, options: Omit<RequestOptions, 'accept'> = {}): Promise<{ status: number; text: string }> {
    const url = new URL(this.baseUrl.pathname.replace(/\/$/, '') + path, this.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: readonly Buffer[] | undefined;
    if (options.body !== undefined) {
      const raw = options.body;
      const preSerialised = typeof raw === 'string' || Buffer.isBuffer(raw) || raw instanceof NdjsonChunks;
      const chunks = raw instanceof NdjsonChunks ? raw : new NdjsonChunks([Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw))]);
      body = chunks.chunks;
      headers['content-type'] = options.contentType ?? (preSerialised ? 'application/x-ndjson' : 'application/json');
      headers['content-length'] = String(chunks.byteLength);
    }
    if (this.authHeader) headers.authorization = this.authHeader;
    const outgoing: OutgoingRequest = { method, url, headers, ...(body ? { body } : {}) };
    if (this.options.signRequest) await this.options.signRequest(outgoing);
    return this.send(outgoing, options.signal);
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
          res.on('error', (cause) => reject(this.connectionError(request, cause)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.requestTimeoutMs} ms`)));
      req.on('error', (cause) => reject(this.connectionError(request, cause)));
      // Written chunk by chunk: before the socket is assigned they queue and go out in one writev.
      for (const chunk of request.body ?? []) req.write(chunk);
      req.end();
    });
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  private connectionError(request: OutgoingRequest, cause: unknown): OpenSearchConnectionError | OpenSearchTlsError {
    // Duck-typed rather than `instanceof Error`: errors from node:tls may come from another realm (vm, test runners).
    const fields = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown; message?: unknown }) : {};
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    const message = typeof fields.message === 'string' ? fields.message : String(cause);
    const reason = code ?? message;
    const where = `${request.method} ${request.url.origin}${request.url.pathname}`;
    if (code !== undefined && CERTIFICATE_ERROR_CODES.has(code)) {
      const detail = message !== code ? ` (${message})` : '';
      const hint = this.options.tlsHint ?? 'the server certificate is not trusted';
      return new OpenSearchTlsError(`${where}: TLS certificate check failed: ${code}${detail}; ${hint}`, { url: request.url.origin, code }, { cause });
    }
    return new OpenSearchConnectionError(`${where}: ${reason}`, { url: request.url.origin }, { cause });
  }
}
