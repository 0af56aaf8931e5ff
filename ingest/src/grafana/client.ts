import { IngestError } from '../errors';

/** The subset of `fetch` the client uses; injected in tests. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** Grafana answered with a status the caller did not accept. */
export class GrafanaApiError extends IngestError {
  override readonly name = 'GrafanaApiError';

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly responseText: string,
  ) {
    super(`Grafana ${method} ${path} returned HTTP ${status}: ${responseText.slice(0, 300)}`, { status, method, path });
  }
}

/** No answer from Grafana at all (refused, DNS, TLS). */
export class GrafanaConnectionError extends IngestError {
  override readonly name = 'GrafanaConnectionError';
}

export interface GrafanaResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface GrafanaRequestOptions {
  readonly body?: unknown;
  /** Statuses returned to the caller instead of thrown; 2xx always are. */
  readonly accept?: readonly number[];
  /** Send `X-Disable-Provenance: true`, so what is created stays editable in the UI. */
  readonly editable?: boolean;
}

/**
 * How the client proves who it is: a service account token, or a user's basic auth (a fresh
 * Grafana, as in the compose stack, has an admin password but no token yet).
 */
export type GrafanaAuth = string | { readonly user: string; readonly password: string };

/** The `Authorization` header value for `auth`. */
export function authorizationHeader(auth: GrafanaAuth): string {
  if (typeof auth === 'string') return `Bearer ${auth}`;
  return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`;
}

/** A small JSON client for Grafana's HTTP API. */
export class GrafanaClient {
  private readonly baseUrl: string;
  private readonly authorization: string;

  constructor(
    url: string,
    auth: GrafanaAuth,
    private readonly fetchImpl: FetchLike = fetch as unknown as FetchLike,
  ) {
    this.baseUrl = url.replace(/\/+$/, '');
    this.authorization = authorizationHeader(auth);
  }

  async request<T = unknown>(method: string, path: string, options: GrafanaRequestOptions = {}): Promise<GrafanaResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.authorization };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.editable) headers['X-Disable-Provenance'] = 'true';
    let reply: { status: number; text(): Promise<string> };
    try {
      reply = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      throw new GrafanaConnectionError(`cannot reach Grafana at ${this.baseUrl}: ${error instanceof Error ? error.message : String(error)}`, { method, path }, { cause: error });
    }
    const text = await reply.text();
    const ok = (reply.status >= 200 && reply.status < 300) || (options.accept ?? []).includes(reply.status);
    if (!ok) throw new GrafanaApiError(reply.status, method, path, text);
    let body: unknown = undefined;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: reply.status, body: body as T };
  }
}
